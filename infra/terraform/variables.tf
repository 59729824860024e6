variable "region" {
  description = "AWS region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "name_prefix" {
  description = "Prefix of every resource name (function, queues, role, API, log group, bucket)."
  type        = string
  default     = "ember"

  validation {
    # Bucket names are the strictest: lower-case letters, digits and hyphens.
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.name_prefix))
    error_message = "name_prefix must be 2-24 characters: lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "lambda_package" {
  description = "Path of the Lambda zip holding the native `bootstrap` (scripts/package.sh lambda <zip>). Empty means artifacts/deploy/ember-lambda.zip in the repository."
  type        = string
  default     = ""
}

variable "architecture" {
  description = "CPU architecture the bootstrap was built for."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "memory_mb" {
  description = "Lambda memory in MB; CPU scales with it. Must hold the warm model cache (cache_mb) plus working memory."
  type        = number
  default     = 1024
}

variable "timeout_seconds" {
  description = "Lambda timeout. HTTP calls are cut at 30 s by API Gateway anyway; batch jobs from the queue may use the whole budget."
  type        = number
  default     = 300

  validation {
    condition     = var.timeout_seconds >= 3 && var.timeout_seconds <= 900
    error_message = "timeout_seconds must be between 3 and 900."
  }
}

variable "cache_mb" {
  description = "Warm model cache budget in MiB (EMBER_CACHE_MB)."
  type        = number
  default     = 512
}

variable "alias_refresh_seconds" {
  description = "How often aliases such as prod are re-read from the bucket (EMBER_ALIAS_REFRESH_SECONDS)."
  type        = number
  default     = 30
}

variable "preload" {
  description = "Models to load at cold start (EMBER_PRELOAD), e.g. \"iris@prod\"; empty loads on first use."
  type        = string
  default     = ""
}

variable "bucket_name" {
  description = "Name of the model bucket; empty lets Terraform pick a unique name starting with <name_prefix>-models-."
  type        = string
  default     = ""
}

variable "force_destroy_bucket" {
  description = "Let `terraform destroy` delete the bucket with every model version in it. Set false to keep models when the stack goes."
  type        = bool
  default     = true
}

variable "models_prefix" {
  description = "Key prefix of the model store in the bucket (no leading or trailing slash)."
  type        = string
  default     = "models"

  validation {
    condition     = can(regex("^[^/]+(/[^/]+)*$", var.models_prefix))
    error_message = "models_prefix must be a key prefix without a leading or trailing slash, e.g. \"models\"."
  }
}

variable "inputs_prefix" {
  description = "Key prefix batch jobs may read input files from."
  type        = string
  default     = "inputs"

  validation {
    condition     = can(regex("^[^/]+(/[^/]+)*$", var.inputs_prefix))
    error_message = "inputs_prefix must be a key prefix without a leading or trailing slash, e.g. \"inputs\"."
  }
}

variable "outputs_prefix" {
  description = "Key prefix batch jobs may write output files to."
  type        = string
  default     = "outputs"

  validation {
    condition     = can(regex("^[^/]+(/[^/]+)*$", var.outputs_prefix))
    error_message = "outputs_prefix must be a key prefix without a leading or trailing slash, e.g. \"outputs\"."
  }
}

variable "batch_size" {
  description = "SQS messages (batch jobs) handed to one invocation."
  type        = number
  default     = 1
}

variable "max_queue_concurrency" {
  description = "Most concurrent invocations the jobs queue may drive (2-1000): bounds cost and pressure on the bucket."
  type        = number
  default     = 10
}

variable "max_receive_count" {
  description = "Deliveries of a job message before it moves to the dead-letter queue."
  type        = number
  default     = 5
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the function's logs."
  type        = number
  default     = 30
}

variable "api_throttle_rate" {
  description = "Steady-state requests per second the HTTP API lets through (a cost guard for a public endpoint)."
  type        = number
  default     = 50
}

variable "api_throttle_burst" {
  description = "Burst of requests the HTTP API lets through."
  type        = number
  default     = 100
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default = {
    app = "ember"
  }
}
