using System.Security.Cryptography;

namespace Ember.Core.Tests.Parquet;

/// <summary>
/// The frames under Fixtures/Zstd, made by the zstd CLI (make-fixtures.sh), and what each must
/// decompress to: its size and the SHA-256 of its content (manifest.txt).
/// </summary>
internal static class ZstdFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Parquet", "Fixtures", "Zstd");

    public static IReadOnlyList<(string Name, int Size, string Sha256)> Manifest { get; } = File.ReadAllLines(Path.Combine(Folder, "manifest.txt"))
        .Where(l => l.Length > 0 && l[0] != '#')
        .Select(l => l.Split(' '))
        .Select(p => (p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), p[2]))
        .ToList();

    public static IEnumerable<object[]> Names() => Manifest.Select(m => new object[] { m.Name });

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static (int Size, string Sha256) Expected(string name)
    {
        var m = Manifest.Single(e => e.Name == name);
        return (m.Size, m.Sha256);
    }

    public static string Sha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Block types of every frame in the data, walking only frame and block headers.</summary>
    public static List<int> BlockTypes(byte[] z)
    {
        var types = new List<int>();
        int s = 0;
        while (s < z.Length)
        {
            uint magic = BitConverter.ToUInt32(z, s);
            if ((magic & 0xFFFFFFF0) == 0x184D2A50)
            {
                s += 8 + (int)BitConverter.ToUInt32(z, s + 4);
                continue;
            }
            int fhd = z[s + 4];
            int fcs = (fhd >> 6) switch { 0 => (fhd & 0x20) != 0 ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
            int did = (fhd & 3) == 3 ? 4 : fhd & 3;
            s += 5 + ((fhd & 0x20) != 0 ? 0 : 1) + did + fcs;
            bool last;
            do
            {
                int h = z[s] | z[s + 1] << 8 | z[s + 2] << 16;
                last = (h & 1) != 0;
                int type = (h >> 1) & 3;
                types.Add(type);
                s += 3 + (type == 1 ? 1 : h >> 3);
            }
            while (!last);
            if ((fhd & 4) != 0)
                s += 4;
        }
        return types;
    }
}
