output "api_url" {
  description = "Base URL of the HTTP API; the endpoints are under /api (e.g. /api/health)."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "model_bucket" {
  description = "The bucket holding models (and batch inputs and outputs)."
  value       = aws_s3_bucket.models.id
}

output "model_store" {
  description = "The model store URI the function reads (EMBER_MODEL_STORE); pass it to `ember push/promote --store`."
  value       = local.model_store_uri
}

output "jobs_queue_url" {
  description = "Send batch job messages here."
  value       = aws_sqs_queue.jobs.url
}

output "jobs_dead_letter_queue_url" {
  description = "Jobs that failed max_receive_count times end up here."
  value       = aws_sqs_queue.jobs_dlq.url
}

output "function_name" {
  description = "The Lambda function (logs: /aws/lambda/<function_name>)."
  value       = aws_lambda_function.scorer.function_name
}

output "region" {
  description = "Region of the stack."
  value       = var.region
}
