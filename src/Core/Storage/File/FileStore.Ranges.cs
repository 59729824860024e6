namespace Ember.Storage;

public sealed partial class FileStore
{
    public Task<ObjectRangeResult> GetRangeAsync(string key, long offset, long length, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ObjectRange.Validate(offset, length);
        cancellationToken.ThrowIfCancellationRequested();
        if (OpenForReading(key, FileOptions.None) is not { } stream)
            return Task.FromResult(ObjectRangeResult.NotFound(key));

        // As in GetAsync: the open handle pins one version, so the ETag check and the bytes agree
        // even when a commit renames a new file over the key meanwhile.
        try
        {
            long objectLength = RandomAccess.GetLength(stream.SafeFileHandle);
            string eTag = ETagOf(objectLength, File.GetLastWriteTimeUtc(stream.SafeFileHandle));
            if (ifMatch is not null && ifMatch != eTag)
            {
                stream.Dispose();
                return Task.FromResult(ObjectRangeResult.Changed(key));
            }
            if (offset + length > objectLength)
                throw ObjectRange.PastEnd(_root, key, offset, length, objectLength);
            stream.Position = offset;
            var body = new VerifyingReadStream(new BoundedReadStream(stream, length), _root, key, length, expectedMd5: null);
            return Task.FromResult(ObjectRangeResult.Found(key, offset, length, objectLength, eTag, body));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
