using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Ember.Functions.Azure;

/// <summary>The body of a request, read whole, or why it could not be.</summary>
internal readonly record struct RequestBody(byte[] Bytes, bool TooLarge, string? Error)
{
    public bool IsValid => !TooLarge && Error is null;
}

/// <summary>
/// Reads a request body into one exact-size array, refusing early what is over the limit: a
/// Content-Length over it is refused before reading a byte, a chunked body as soon as it passes it.
/// The array is not pooled because the API may keep slices of the body past the response.
/// </summary>
internal static class RequestBodyReader
{
    private const int ChunkSize = 16 * 1024;

    public static async Task<RequestBody> ReadAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        var request = context.Request;
        // Kestrel enforces the same limit itself, so a body that lies about its length still stops.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = limit;

        if (request.ContentLength is { } declared && declared > limit)
            return new RequestBody([], true, null);
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false } || request.ContentLength == 0)
            return new RequestBody([], false, null);

        try
        {
            return request.ContentLength is { } length
                ? await ReadExactAsync(request.Body, (int)length, cancellationToken)
                : await ReadChunkedAsync(request.Body, limit, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new RequestBody([], true, null);
        }
        catch (BadHttpRequestException ex)
        {
            return new RequestBody([], false, "The request body could not be read: " + ex.Message);
        }
    }

    private static async Task<RequestBody> ReadExactAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await body.ReadAsync(bytes.AsMemory(read), cancellationToken);
            if (n == 0)
                return new RequestBody([], false, $"The request body ended after {read} of the {length} bytes its Content-Length announced.");
            read += n;
        }
        return new RequestBody(bytes, false, null);
    }

    private static async Task<RequestBody> ReadChunkedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                    buffer = Grow(buffer, length);
                var n = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (n == 0)
                    return new RequestBody(buffer.AsSpan(0, length).ToArray(), false, null);
                length += n;
                if (length > limit)
                    return new RequestBody([], true, null);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
        buffer.AsSpan(0, length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
