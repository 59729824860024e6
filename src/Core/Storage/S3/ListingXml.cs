using System.Globalization;
using System.Xml;

namespace Ember.Storage;

/// <summary>Reads a ListObjectsV2 answer (ListBucketResult) into entries relative to the store root.</summary>
internal static class ListingXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    public static async Task<(List<ObjectEntry> Entries, string? NextToken)> ReadAsync(Stream body, string root, string location, CancellationToken ct)
    {
        var entries = new List<ObjectEntry>();
        string? nextToken = null;
        bool truncated = false;
        try
        {
            using XmlReader xml = XmlReader.Create(body, Settings);
            string? key = null, eTag = null, prefix = null;
            long size = 0;
            DateTimeOffset? modified = null;
            string parent = "";
            // ReadElementContentAsString leaves the reader on the next node already: only move on
            // when the last step did not.
            bool moved = false;
            while (moved || await xml.ReadAsync().ConfigureAwait(false))
            {
                moved = false;
                ct.ThrowIfCancellationRequested();
                if (xml.NodeType == XmlNodeType.EndElement)
                {
                    if (xml.LocalName == "Contents" && key is not null && key.StartsWith(root, StringComparison.Ordinal))
                        entries.Add(new ObjectEntry(key[root.Length..], size, eTag, modified, false));
                    else if (xml.LocalName == "CommonPrefixes" && prefix is not null && prefix.StartsWith(root, StringComparison.Ordinal))
                        entries.Add(new ObjectEntry(prefix[root.Length..], 0, null, null, true));
                    if (xml.LocalName is "Contents" or "CommonPrefixes") parent = "";
                    continue;
                }
                if (xml.NodeType != XmlNodeType.Element) continue;
                switch (xml.LocalName)
                {
                    case "Contents":
                    case "CommonPrefixes":
                        parent = xml.LocalName;
                        (key, eTag, prefix, size, modified) = (null, null, null, 0, null);
                        break;
                    case "Key" when parent == "Contents":
                        key = await xml.ReadElementContentAsStringAsync().ConfigureAwait(false);
                        moved = true;
                        break;
                    case "ETag" when parent == "Contents":
                        eTag = await xml.ReadElementContentAsStringAsync().ConfigureAwait(false);
                        moved = true;
                        break;
                    case "Size" when parent == "Contents":
                        size = long.Parse(await xml.ReadElementContentAsStringAsync().ConfigureAwait(false), NumberStyles.None, CultureInfo.InvariantCulture);
                        moved = true;
                        break;
                    case "LastModified" when parent == "Contents":
                        modified = DateTimeOffset.Parse(await xml.ReadElementContentAsStringAsync().ConfigureAwait(false), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                        moved = true;
                        break;
                    case "Prefix" when parent == "CommonPrefixes":
                        prefix = await xml.ReadElementContentAsStringAsync().ConfigureAwait(false);
                        moved = true;
                        break;
                    case "IsTruncated" when parent == "":
                        truncated = await xml.ReadElementContentAsStringAsync().ConfigureAwait(false) == "true";
                        moved = true;
                        break;
                    case "NextContinuationToken" when parent == "":
                        nextToken = await xml.ReadElementContentAsStringAsync().ConfigureAwait(false);
                        moved = true;
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is XmlException or FormatException or OverflowException)
        {
            throw new ObjectStoreException(ObjectStoreErrorKind.Failed, location, null, $"the listing answer is not a ListBucketResult: {ex.Message}", ex);
        }
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return (entries, truncated ? nextToken : null);
    }
}
