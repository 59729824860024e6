using System.Net;

namespace Ember.Storage;

public sealed partial class BlobStore
{
    public async Task<ObjectRangeResult> GetRangeAsync(string key, long offset, long length, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ObjectRange.Validate(offset, length);
        ObjectKey.Validate(Location, key);
        HttpResponseMessage response = await SendAsync(key, () =>
        {
            var request = NewRequest(HttpMethod.Get, _root + key, []);
            // x-ms-range wins over Range when both are sent; it is the service's own, so send that.
            request.Headers.TryAddWithoutValidation("x-ms-range", ObjectRange.Header(offset, length));
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return (request, []);
        }, cancellationToken).ConfigureAwait(false);

        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent or HttpStatusCode.OK:
                return await ObjectRange.FoundAsync(response, Location, key, offset, length, response.Headers.ETag?.ToString(), cancellationToken)
                    .ConfigureAwait(false);
            case HttpStatusCode.PreconditionFailed:
                response.Dispose();
                return ObjectRangeResult.Changed(key);
            case HttpStatusCode.RequestedRangeNotSatisfiable:
                long? objectLength = response.Content.Headers.ContentRange?.Length;
                response.Dispose();
                throw ObjectRange.PastEnd(Location, key, offset, length, objectLength);
            case HttpStatusCode.NotFound when ErrorCode(response) is "BlobNotFound" or null:
                response.Dispose();
                return ObjectRangeResult.NotFound(key);
            default:
                throw Refused(key, response);
        }
    }
}
