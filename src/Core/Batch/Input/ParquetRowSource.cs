using Ember.Parquet;
using Ember.Pipeline;

namespace Ember.Batch.Input;

/// <summary>
/// A Parquet input read row group by row group (memory is bounded by one row group), each cut into
/// chunks of ChunkRows. Flat columns and list&lt;double|float&gt; are read columnar
/// (<see cref="ParquetFileReader.ReadColumn"/>, <see cref="ParquetFileReader.ReadListColumn"/>);
/// Spark's VectorUDT struct {type, size, indices, values} and other nested columns go through the
/// record reader, since the columnar API reads only flat columns and lists.
/// </summary>
internal sealed class ParquetRowSource : IRowSource
{
    private readonly ParquetFileReader _reader;
    private readonly SourceOptions _options;
    private readonly ParquetField[] _inputFields;
    private readonly ParquetField[] _passFields;
    private readonly int _firstGroup;
    private readonly int _endGroup;
    private readonly long[] _lines;
    /// <summary>Whether a group's records may be assembled (from every column), so every column must be at hand.</summary>
    private readonly bool _mayNeedRecords;
    private int _group;
    private long _groupRows;
    private long _groupFirstRow;   // 0-based row number of the group's first row in the file
    private int _groupPos;         // next row of the current group
    private ColumnFeed[] _feeds = [];
    private PassthroughFeed[] _passFeeds = [];

    private readonly IDisposable? _spooled;

    /// <param name="spooled">The temp file under the reader (deleted on close), disposed with the source.</param>
    public ParquetRowSource(ParquetFileReader reader, SourceOptions options, string display, IDisposable? spooled = null)
    {
        _reader = reader;
        _spooled = spooled;
        _options = options;
        var names = reader.Schema.Fields.Select(f => f.Name).ToArray();
        _inputFields = options.Inputs.Select(i => reader.Schema.Fields[SourceOptions.FindInput(names, i.Name, display)]).ToArray();
        _passFields = options.ResolvePassthrough(names, display).Select(p => reader.Schema.Fields[Array.IndexOf(names, p)]).ToArray();
        PassthroughFields = _passFields.Select(f => new PassthroughField(f.Name, PassthroughFeed.KindOf(f))).ToArray();
        int groups = reader.RowGroupCount;
        (_firstGroup, _endGroup) = options.Part is { } part
            ? ((int)((long)groups * part.Index / part.Count), (int)((long)groups * (part.Index + 1) / part.Count))
            : (0, groups);
        long total = 0, before = 0;
        for (int g = 0; g < groups; g++)
        {
            if (g < _firstGroup) before += reader.GetRowGroupRowCount(g);
            else if (g < _endGroup) total += reader.GetRowGroupRowCount(g);
        }
        TotalRows = total;
        // Nested columns need the records of the group, which are assembled from every column.
        bool needRecords = _inputFields.Any(f => !ColumnFeed.IsColumnar(f)) || _passFields.Any(f => f.Kind != ParquetFieldKind.Primitive);
        // A list whose elements may be null is read columnar unless a group holds a null element;
        // then that group's records are needed, so a ranged download fetches every column.
        _mayNeedRecords = needRecords || _inputFields.Any(f => f is { Kind: ParquetFieldKind.List, Element.IsNullable: true });
        _group = _firstGroup - 1;
        _groupFirstRow = before;
        _lines = new long[options.ChunkRows];
    }

    public IReadOnlyList<PassthroughField> PassthroughFields { get; }
    public long? TotalRows { get; }
    public long BytesRead => 0;
    public long? TotalBytes => null;

    public ValueTask<RowChunk?> ReadChunkAsync(Frame frame, CancellationToken cancellationToken)
    {
        while (_groupPos >= _groupRows)
        {
            if (_group + 1 >= _endGroup)
                return ValueTask.FromResult<RowChunk?>(null);
            cancellationToken.ThrowIfCancellationRequested();
            if (_group >= _firstGroup) _groupFirstRow += _groupRows;
            _group++;
            LoadGroup(_group);
        }
        int n = (int)Math.Min(_options.ChunkRows, _groupRows - _groupPos);
        frame.Reset(n);
        for (int k = 0; k < _feeds.Length; k++)
            _feeds[k].CopyTo(frame, _options.Inputs[k], _groupPos, n);
        long first = _groupFirstRow + _groupPos + 1;
        for (int r = 0; r < n; r++)
            _lines[r] = first + r;
        var pass = new PassthroughColumn[_passFeeds.Length];
        for (int p = 0; p < pass.Length; p++)
            pass[p] = _passFeeds[p].Slice(PassthroughFields[p], _groupPos);
        _groupPos += n;
        return ValueTask.FromResult<RowChunk?>(new RowChunk(n, _lines, pass));
    }

    private void LoadGroup(int group)
    {
        _groupRows = _reader.GetRowGroupRowCount(group);
        _groupPos = 0;
        // Records are read once for every nested column of the group, and only if one needs them
        // (a list column falls back to them when an element is null).
        List<Parquet.ParquetRecord>? records = null;
        List<Parquet.ParquetRecord> Records() => records ??= _reader.ReadRecords(group).ToList();
        _feeds = _inputFields.Select(f => ColumnFeed.Read(_reader, group, f, Records)).ToArray();
        _passFeeds = _passFields.Select(f => PassthroughFeed.Read(_reader, group, f, Records)).ToArray();
    }

    /// <summary>
    /// The byte ranges of the column chunks this source reads (its part's row groups, the columns
    /// the model and the passthrough need; every column when records must be assembled), in file
    /// order: all a ranged download must fetch besides the footer.
    /// </summary>
    public List<(long Offset, long Length)> ChunkExtents()
    {
        var leaves = new SortedSet<int>();
        if (_mayNeedRecords)
        {
            for (int i = 0; i < _reader.Schema.LeafCount; i++) leaves.Add(i);
        }
        else
        {
            foreach (var f in _inputFields.Concat(_passFields))
                for (int i = f.Node.FirstLeaf; i < f.Node.FirstLeaf + f.Node.LeafCount; i++) leaves.Add(i);
        }
        var extents = new List<(long Offset, long Length)>();
        for (int g = _firstGroup; g < _endGroup; g++)
            foreach (int leaf in leaves)
                if (_reader.ColumnChunkExtent(g, leaf) is { } extent)
                    extents.Add(extent);
        extents.Sort();
        return extents;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _spooled?.Dispose();
    }
}
