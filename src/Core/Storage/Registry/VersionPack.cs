using System.Formats.Tar;
using Ember.Bundles;

namespace Ember.Storage.Registry;

/// <summary>
/// A pushed version's model files once more as one uncompressed tar, <c>name/version/_ember_bundle.tar</c>.
/// A Spark model is a dozen or more small objects; a cold start that fetches them one by one pays
/// a round trip (and the store's per-request cost) for each, the pack costs one. The files stay
/// beside it, readable by anything that knows Spark's layout. A pack is used only when its files
/// match the version's listing (names and lengths), so one that does not is simply ignored.
/// </summary>
public static class VersionPack
{
    public const string FileName = "_ember_bundle.tar";

    /// <summary>Versions bigger than this are not packed: their download time is in the bytes, not the round trips.</summary>
    public const long MaxPackedBytes = 64L * 1024 * 1024;

    /// <summary>The tar of <paramref name="files"/> (relative path, content); bookkeeping files are left out.</summary>
    internal static byte[] Write(IEnumerable<(string RelativePath, Func<Stream> Open)> files)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (path, open) in files)
            {
                if (BundleFiles.IsBookkeeping(path)) continue;
                using Stream content = open();
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = content });
            }
        return buffer.ToArray();
    }

    /// <summary>
    /// The pack's files keyed by path relative to the version, when they are exactly the listed
    /// model files (<paramref name="listed"/>: keys relative to the store root, under
    /// <paramref name="prefix"/>, bookkeeping left out); else false.
    /// </summary>
    internal static bool TryRead(byte[] pack, string prefix, IReadOnlyList<ObjectEntry> listed, out Dictionary<string, byte[]> files)
    {
        files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var expected = new Dictionary<string, long>(listed.Count, StringComparer.Ordinal);
        foreach (ObjectEntry e in listed)
            expected[e.Key[prefix.Length..]] = e.Length;
        try
        {
            using var reader = new TarReader(new MemoryStream(pack, writable: false));
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                    || !expected.TryGetValue(entry.Name, out long length) || entry.Length != length
                    || entry.DataStream is not { } data || files.ContainsKey(entry.Name))
                    return false;
                var bytes = new byte[length];
                data.ReadExactly(bytes);
                files[entry.Name] = bytes;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException or ArgumentException)
        {
            return false;
        }
        return files.Count == expected.Count;
    }
}
