using Ember.Parquet.Reading;

namespace Ember.Parquet;

public sealed partial class ParquetFileReader
{
    /// <summary>
    /// Every row of the file as a record, streaming: one row group is decoded at a time.
    /// </summary>
    public IEnumerable<ParquetRecord> ReadRecords()
    {
        for (int rg = 0; rg < RowGroupCount; rg++)
            foreach (var record in ReadRecords(rg))
                yield return record;
    }

    /// <summary>The rows of one row group as records.</summary>
    public IEnumerable<ParquetRecord> ReadRecords(int rowGroup)
    {
        long rows = RowGroupAt(rowGroup).NumRows;
        if (rows == 0)
            yield break;
        var assembler = LoadRowGroup(rowGroup);
        for (long r = 0; r < rows; r++)
            yield return NextRecord(assembler, rowGroup, r, rows);
        Guard(rowGroup, assembler.CheckFullyConsumed);
    }

    private RecordAssembler LoadRowGroup(int rowGroup)
    {
        var leaves = new LeafColumn[Schema.Leaves.Length];
        for (int i = 0; i < leaves.Length; i++)
            leaves[i] = ReadLeaf(rowGroup, Schema.Leaves[i]);
        return new RecordAssembler(Schema, leaves);
    }

    private ParquetRecord NextRecord(RecordAssembler assembler, int rowGroup, long row, long rows)
    {
        if (!assembler.HasMore)
            throw new ParquetException(FileName, null, $"row group {rowGroup}: the columns end after {row} of the {rows} rows the footer declares");
        ParquetRecord record = null!;
        Guard(rowGroup, () => record = assembler.ReadRecord());
        return record;
    }

    private void Guard(int rowGroup, Action action)
    {
        try
        {
            action();
        }
        catch (ParquetDataException ex)
        {
            throw new ParquetException(FileName, null, $"row group {rowGroup}: {ex.Message}");
        }
    }
}
