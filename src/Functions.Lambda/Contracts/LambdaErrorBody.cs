namespace Ember.Functions.Lambda.Contracts;

/// <summary>The body of /error and /init/error (application/vnd.aws.lambda.error+json).</summary>
internal sealed record LambdaErrorBody(string ErrorMessage, string ErrorType, string[] StackTrace);
