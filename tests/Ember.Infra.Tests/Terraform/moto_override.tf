# TEST ONLY. Copied by the infra tests into a temporary copy of infra/terraform, where Terraform
# merges it over the provider block of versions.tf: every AWS call goes to a local moto_server
# with fake credentials. It must never sit in infra/terraform itself.
# __MOTO_URL__ is replaced with the moto_server URL the test started.
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  s3_use_path_style           = true

  endpoints {
    apigatewayv2 = "__MOTO_URL__"
    iam          = "__MOTO_URL__"
    lambda       = "__MOTO_URL__"
    logs         = "__MOTO_URL__"
    s3           = "__MOTO_URL__"
    sqs          = "__MOTO_URL__"
    sts          = "__MOTO_URL__"
  }
}
