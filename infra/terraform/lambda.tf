# Created before the function so that retention is ours, not Lambda's never-expire default.
resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${local.function_name}"
  retention_in_days = var.log_retention_days
}

# The native AOT `bootstrap` of src/Functions.Lambda on the OS-only runtime.
resource "aws_lambda_function" "scorer" {
  function_name = local.function_name
  role          = aws_iam_role.scorer.arn
  runtime       = "provided.al2023"
  handler       = "bootstrap" # free-form for a custom runtime; the zip's bootstrap is what runs
  architectures = [var.architecture]
  memory_size   = var.memory_mb
  timeout       = var.timeout_seconds

  filename = local.lambda_package
  # try(): `terraform destroy` must work after the build folder is gone; apply checks below.
  source_code_hash = try(filebase64sha256(local.lambda_package), null)

  environment {
    variables = local.lambda_environment
  }

  lifecycle {
    precondition {
      condition     = fileexists(local.lambda_package)
      error_message = "The Lambda package is missing. Build it with `scripts/package.sh lambda <zip>` (./deploy.sh aws does) and pass its path in lambda_package."
    }
  }

  depends_on = [
    aws_cloudwatch_log_group.function,
    aws_iam_role_policy.scorer,
  ]
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.scorer.arn
  batch_size       = var.batch_size

  # The function answers with the ids of the jobs that failed, so one bad job is retried (and
  # eventually dead-lettered) alone instead of with the whole batch.
  function_response_types = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.max_queue_concurrency
  }
}
