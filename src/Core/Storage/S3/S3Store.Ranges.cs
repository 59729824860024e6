using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Ember.Storage;

public sealed partial class S3Store
{
    public async Task<ObjectRangeResult> GetRangeAsync(string key, long offset, long length, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ObjectRange.Validate(offset, length);
        ObjectKey.Validate(Location, key);
        if (_rest is not null)
            return await RestGetRangeAsync(_rest, key, offset, length, ifMatch, cancellationToken).ConfigureAwait(false);
        var (response, status) = await CallAsync(key, async ct =>
        {
            try
            {
                var request = new GetObjectRequest
                {
                    BucketName = _bucket,
                    Key = _root + key,
                    ByteRange = new ByteRange(offset, offset + length - 1),
                    EtagToMatch = ifMatch,
                };
                return (await Client.GetObjectAsync(request, ct).ConfigureAwait(false), ObjectRangeStatus.Found);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                return ((GetObjectResponse?)null, ObjectRangeStatus.Changed);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is "NoSuchKey" or null or "")
            {
                return (null, ObjectRangeStatus.NotFound);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable || e.ErrorCode == "InvalidRange")
            {
                throw ObjectRange.PastEnd(Location, key, offset, length, null);
            }
        }, cancellationToken).ConfigureAwait(false);

        if (status == ObjectRangeStatus.Changed) return ObjectRangeResult.Changed(key);
        if (response is null) return ObjectRangeResult.NotFound(key);
        try
        {
            bool partial = response.HttpStatusCode == HttpStatusCode.PartialContent;
            long total = ObjectRange.CheckAnswer(Location, key, offset, length, partial, response.ContentRange, response.ContentLength);
            var body = new VerifyingReadStream(response.ResponseStream, Location, key, length, expectedMd5: null, owner: response);
            return ObjectRangeResult.Found(key, offset, length, total, response.ETag, body);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<ObjectRangeResult> RestGetRangeAsync(S3RestReader rest, string key, long offset, long length, string? ifMatch, CancellationToken cancellationToken)
    {
        var (response, status) = await CallAsync(key, ct => rest.GetRangeAsync(_root + key, key, offset, length, ifMatch, ct), cancellationToken).ConfigureAwait(false);
        if (status == ObjectRangeStatus.Changed) return ObjectRangeResult.Changed(key);
        if (status == ObjectRangeStatus.NotFound) return ObjectRangeResult.NotFound(key);
        return await ObjectRange.FoundAsync(response, Location, key, offset, length, Header(response, "ETag"), cancellationToken).ConfigureAwait(false);
    }
}
