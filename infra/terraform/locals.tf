locals {
  function_name = "${var.name_prefix}-scorer"

  # Terraform resolves relative paths against the working directory, so the default is anchored
  # to this module instead.
  lambda_package = var.lambda_package != "" ? var.lambda_package : "${path.module}/../../artifacts/deploy/ember-lambda.zip"

  model_bucket    = aws_s3_bucket.models.id
  model_store_uri = "s3://${aws_s3_bucket.models.id}/${var.models_prefix}"

  # The function's settings. Every name must be a constant of src/Core/Configuration/EmberSettings.cs:
  # tests/Ember.Infra.Tests checks this map against that class.
  lambda_environment = merge(
    {
      EMBER_MODEL_STORE           = local.model_store_uri
      EMBER_CACHE_MB              = tostring(var.cache_mb)
      EMBER_ALIAS_REFRESH_SECONDS = tostring(var.alias_refresh_seconds)
    },
    var.preload == "" ? {} : {
      EMBER_PRELOAD = var.preload
    },
  )
}
