# Batch jobs: one message per job, naming an input file and an output file in the bucket.
resource "aws_sqs_queue" "jobs_dlq" {
  name                      = "${var.name_prefix}-jobs-dlq"
  message_retention_seconds = 1209600 # 14 days, the SQS maximum: time to look at what failed
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "jobs" {
  name                      = "${var.name_prefix}-jobs"
  message_retention_seconds = 345600 # 4 days
  sqs_managed_sse_enabled   = true

  # AWS advises at least six times the function timeout, so that a message is not handed to a
  # second invocation while the first still works on it (and retries of throttled polls fit).
  visibility_timeout_seconds = 6 * var.timeout_seconds

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.jobs_dlq.arn
    maxReceiveCount     = var.max_receive_count
  })
}
