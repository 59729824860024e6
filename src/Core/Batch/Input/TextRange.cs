namespace Ember.Batch.Input;

/// <summary>
/// The bytes [Start, End) of a text input that one part of a split job owns: a record belongs to
/// the part in which its first byte lies. Records are still parsed from the start of the file (so
/// quoted line breaks and line numbers stay right); records before the range are skipped.
/// </summary>
internal readonly record struct TextRange(long Start, long End)
{
    public static TextRange All => new(0, long.MaxValue);

    public static TextRange For(BatchPart? part, long? length)
    {
        if (part is null)
            return All;
        if (length is not { } total)
            throw new BatchJobException("a split text input needs its length from the store", retryable: false);
        long start = total * part.Index / part.Count;
        long end = part.Index == part.Count - 1 ? long.MaxValue : total * (part.Index + 1) / part.Count;
        return new TextRange(start, end);
    }
}
