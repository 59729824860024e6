using System.Net;

namespace Ember.Storage;

/// <summary>
/// One reading of a refused S3 request, whichever road it took (SDK exception or REST answer):
/// denied credentials, a missing bucket, anything else as a plain failure.
/// </summary>
internal static class S3Refusal
{
    /// <param name="detail">"HTTP status code[: message]" as the caller saw it.</param>
    public static ObjectStoreException Classify(string location, string bucket, string? key, HttpStatusCode status, string? code, string detail, Exception? inner = null) =>
        (status, code) switch
        {
            (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, _) or (_, "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" or "InvalidToken") =>
                new ObjectStoreException(ObjectStoreErrorKind.AccessDenied, location, key, detail + " (check the credentials and the role's s3 permissions)", inner),
            (_, "NoSuchBucket") =>
                new ObjectStoreException(ObjectStoreErrorKind.Misconfigured, location, key, $"the bucket '{bucket}' does not exist", inner),
            _ => new ObjectStoreException(ObjectStoreErrorKind.Failed, location, key, detail, inner),
        };
}
