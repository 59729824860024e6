namespace Ember.Batch.Input;

/// <summary>
/// The byte ranges of a sparse spool file that hold downloaded bytes (the holes read as zeros), as
/// sorted, disjoint, non-adjacent [Start, End) intervals.
/// </summary>
internal sealed class FetchedRanges
{
    private readonly List<(long Start, long End)> _ranges = [];

    public IReadOnlyList<(long Start, long End)> Ranges => _ranges;

    public void Add(long offset, long length)
    {
        if (length <= 0) return;
        long start = offset, end = offset + length;
        int i = 0;
        while (i < _ranges.Count && _ranges[i].End < start) i++;
        int j = i;
        while (j < _ranges.Count && _ranges[j].Start <= end)
        {
            start = Math.Min(start, _ranges[j].Start);
            end = Math.Max(end, _ranges[j].End);
            j++;
        }
        _ranges.RemoveRange(i, j - i);
        _ranges.Insert(i, (start, end));
    }

    /// <summary>The parts of [offset, offset + length) not fetched yet, in order.</summary>
    public IEnumerable<(long Offset, long Length)> Missing(long offset, long length)
    {
        long at = offset, end = offset + length;
        foreach (var (s, e) in _ranges)
        {
            if (e <= at) continue;
            if (s >= end) break;
            if (s > at) yield return (at, s - at);
            at = Math.Max(at, e);
        }
        if (at < end) yield return (at, end - at);
    }

    public bool Covers(long offset, long length)
    {
        if (length <= 0) return true;
        int lo = 0, hi = _ranges.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_ranges[mid].End <= offset) lo = mid + 1;
            else if (_ranges[mid].Start > offset) hi = mid - 1;
            else return offset + length <= _ranges[mid].End;
        }
        return false;
    }
}

/// <summary>
/// The spool file as the Parquet reader sees it: every read must lie in a downloaded range. A read
/// of a hole would decode zeros; this turns such a bug (a reader that starts reading an index or
/// a neighbouring row group) into an exception naming the bytes, instead of wrong rows.
/// </summary>
internal sealed class FetchedRangesStream(FileStream file, FetchedRanges fetched, string display) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => file.Length;
    public override long Position { get => file.Position; set => file.Position = value; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        long at = file.Position;
        int want = (int)Math.Min(buffer.Length, Math.Max(0, file.Length - at));
        if (!fetched.Covers(at, want))
            throw new InvalidOperationException(
                $"{display}: the Parquet reader read bytes {at}-{at + want - 1}, which the ranged download did not fetch (a bug: the fetch plan and the reader disagree)");
        return file.Read(buffer);
    }

    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);
    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // The file belongs to the row source, which disposes it after the reader.
}
