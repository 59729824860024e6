namespace Ember.Parquet.Compression.Zstd;

/// <summary>
/// Fixed tables of RFC 8878 §3.1.1.3.2.1-2: baselines and extra bits of the literal length and match
/// length codes, and the predefined distributions (and their decoding tables) for Predefined_Mode.
/// </summary>
internal static class ZstdPredefined
{
    public const int LiteralLengthLog = 6, MatchLengthLog = 6, OffsetLog = 5;

    public static ReadOnlySpan<int> LiteralLengthBaselines =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096,
        8192, 16384, 32768, 65536,
    ];

    public static ReadOnlySpan<int> LiteralLengthExtraBits =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 16,
    ];

    public static ReadOnlySpan<int> MatchLengthBaselines =>
    [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
        19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
        35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
        4099, 8195, 16387, 32771, 65539,
    ];

    public static ReadOnlySpan<int> MatchLengthExtraBits =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11,
        12, 13, 14, 15, 16,
    ];

    private static ReadOnlySpan<short> LiteralLengthDistribution =>
    [
        4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
        -1, -1, -1, -1,
    ];

    private static ReadOnlySpan<short> MatchLengthDistribution =>
    [
        1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1,
        -1, -1, -1, -1, -1,
    ];

    private static ReadOnlySpan<short> OffsetDistribution =>
    [
        1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1,
    ];

    public static readonly uint[] LiteralLengths = Build(LiteralLengthDistribution, LiteralLengthLog);

    public static readonly uint[] MatchLengths = Build(MatchLengthDistribution, MatchLengthLog);

    public static readonly uint[] Offsets = Build(OffsetDistribution, OffsetLog);

    private static uint[] Build(ReadOnlySpan<short> distribution, int log)
    {
        var table = new uint[1 << log];
        ZstdFse.BuildTable(distribution, log, table);
        return table;
    }
}
