data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "scorer" {
  name               = "${var.name_prefix}-scorer"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

# Least privilege: read models, write monitoring snapshots beside them, read batch inputs, write
# batch outputs, consume the jobs queue, write the function's own logs. Nothing else.
data "aws_iam_policy_document" "scorer" {
  statement {
    sid       = "ReadModels"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.models.arn}/${var.models_prefix}/*"]
  }

  statement {
    # Monitoring snapshots live at <models>/<name>/_monitor/ and nowhere else under models.
    sid       = "WriteMonitorSnapshots"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.models.arn}/${var.models_prefix}/*/_monitor/*"]
  }

  statement {
    sid       = "ReadBatchInputs"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.models.arn}/${var.inputs_prefix}/*"]
  }

  statement {
    # Get: the commit protocol checks whether a job's output already exists (redelivered message).
    # Delete and AbortMultipartUpload: a failed job leaves nothing behind.
    sid       = "WriteBatchOutputs"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = ["${aws_s3_bucket.models.arn}/${var.outputs_prefix}/*"]
  }

  statement {
    # Listing finds model versions and aliases, multi-file inputs, and lets a missing key answer
    # 404 instead of 403. Only under the three prefixes.
    sid       = "ListScopedPrefixes"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.models.arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values = [
        "${var.models_prefix}/*",
        "${var.inputs_prefix}/*",
        "${var.outputs_prefix}/*",
      ]
    }
  }

  statement {
    sid = "ConsumeJobs"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
    ]
    resources = [aws_sqs_queue.jobs.arn]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function.arn}:*"]
  }
}

resource "aws_iam_role_policy" "scorer" {
  name   = "${var.name_prefix}-scorer"
  role   = aws_iam_role.scorer.id
  policy = data.aws_iam_policy_document.scorer.json
}
