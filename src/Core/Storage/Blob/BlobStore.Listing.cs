using System.Globalization;
using System.Net;
using System.Xml;

namespace Ember.Storage;

public sealed partial class BlobStore
{
    public async Task<ObjectListPage> ListPageAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(Location, prefix);
        var query = new List<KeyValuePair<string, string>>
        {
            new("restype", "container"),
            new("comp", "list"),
            new("prefix", _root + prefix),
            new("maxresults", options.EffectivePageSize.ToString(CultureInfo.InvariantCulture)),
        };
        if (options.Delimited) query.Add(new("delimiter", "/"));
        if (options.ContinuationToken is { } marker) query.Add(new("marker", marker));

        using HttpResponseMessage response = await SendAsync(prefix, () => (NewRequest(HttpMethod.Get, null, query), query), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK) throw Refused(prefix, response);
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await BlobListingParser.ParseAsync(body, _root, cancellationToken).ConfigureAwait(false);
        }
        catch (XmlException ex)
        {
            throw new ObjectStoreException(ObjectStoreErrorKind.Failed, Location, prefix, $"the blob listing is not valid XML: {ex.Message}", ex);
        }
    }
}

/// <summary>Reads a List Blobs answer (EnumerationResults) into entries relative to the store root.</summary>
internal static class BlobListingParser
{
    public static async Task<ObjectListPage> ParseAsync(Stream xml, string root, CancellationToken cancellationToken)
    {
        var entries = new List<ObjectEntry>();
        string? nextMarker = null;
        using var reader = XmlReader.Create(xml, new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true });
        string? name = null, eTag = null, modified = null;
        long length = 0;
        // ReadElementContentAsString leaves the reader on the next node already: do not skip it.
        bool positioned = false;
        while (positioned || await reader.ReadAsync().ConfigureAwait(false))
        {
            positioned = false;
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.EndElement && reader.Name is "Blob" or "BlobPrefix")
            {
                if (name is not null && name.StartsWith(root, StringComparison.Ordinal))
                {
                    bool isPrefix = reader.Name == "BlobPrefix";
                    entries.Add(new ObjectEntry(name[root.Length..], isPrefix ? 0 : length,
                        isPrefix || eTag is null ? null : Quote(eTag),
                        modified is null ? null : DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture), isPrefix));
                }
                name = eTag = modified = null;
                length = 0;
                continue;
            }
            if (reader.NodeType != XmlNodeType.Element) continue;
            switch (reader.Name)
            {
                case "Name":
                    bool encoded = reader.GetAttribute("Encoded") == "true";
                    string text = await reader.ReadElementContentAsStringAsync().ConfigureAwait(false);
                    name = encoded ? Uri.UnescapeDataString(text) : text;
                    positioned = true;
                    break;
                case "Etag":
                    eTag = await reader.ReadElementContentAsStringAsync().ConfigureAwait(false);
                    positioned = true;
                    break;
                case "Last-Modified":
                    modified = await reader.ReadElementContentAsStringAsync().ConfigureAwait(false);
                    positioned = true;
                    break;
                case "Content-Length":
                    length = long.Parse(await reader.ReadElementContentAsStringAsync().ConfigureAwait(false), CultureInfo.InvariantCulture);
                    positioned = true;
                    break;
                case "NextMarker":
                    string marker = await reader.ReadElementContentAsStringAsync().ConfigureAwait(false);
                    nextMarker = marker.Length == 0 ? null : marker;
                    positioned = true;
                    break;
            }
        }
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new ObjectListPage(entries, nextMarker);
    }

    /// <summary>The listing's Etag is bare; the ETag header (and so every other API here) is quoted.</summary>
    private static string Quote(string eTag) => eTag.StartsWith('"') ? eTag : $"\"{eTag}\"";
}
