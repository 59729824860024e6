using System.Text;
using Ember.Parquet.Reading;

namespace Ember.Parquet;

public sealed partial class ParquetFileReader
{
    /// <summary>
    /// Reads a top-level primitive column of one row group into a dense typed array and a null
    /// mask: one pass over the levels, no allocation per numeric value.
    /// </summary>
    public ParquetColumn ReadColumn(int rowGroup, string name)
    {
        var field = Schema.Find(name) ?? throw new ParquetException(FileName, name, "no such top-level column");
        if (field.Kind != ParquetFieldKind.Primitive)
            throw new ParquetException(FileName, name, $"is a {field.Kind.ToString().ToLowerInvariant()}, not a primitive column; read it with ReadRecords or ReadListColumn");
        var leaf = ReadLeaf(rowGroup, field.Node);
        int rows = leaf.EntryCount;
        var column = new ParquetColumn(field, rows);
        var values = leaf.Values;
        var kind = ValueConverter.KindOf(field);
        var nulls = NullMask(leaf);
        column.Nulls = nulls;
        try
        {
            switch (kind)
            {
                case LogicalValueKind.Boolean: column.Booleans = Scatter(values.Bools, nulls, rows); break;
                case LogicalValueKind.Int32: column.Int32s = Scatter(values.Ints, nulls, rows); break;
                case LogicalValueKind.Int64: column.Int64s = Scatter(values.Longs, nulls, rows); break;
                case LogicalValueKind.Float: column.Floats = Scatter(values.Floats, nulls, rows); break;
                case LogicalValueKind.Double: column.Doubles = Scatter(values.Doubles, nulls, rows); break;
                case LogicalValueKind.SByte or LogicalValueKind.Int16 or LogicalValueKind.Byte or LogicalValueKind.UInt16:
                    column.Int32s = Widen(field, kind, values, nulls, rows, o => System.Convert.ToInt32(o, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case LogicalValueKind.UInt32:
                    column.Int64s = Widen(field, kind, values, nulls, rows, o => System.Convert.ToInt64(o, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case LogicalValueKind.String:
                    {
                        var strings = new string?[rows];
                        if (leaf is { AllDictionaryEncoded: true, Dictionary: { } dict })
                        {
                            // Decode each distinct string once; rows share the instances.
                            var distinct = new string[dict.Count];
                            for (int i = 0; i < distinct.Length; i++)
                                distinct[i] = Encoding.UTF8.GetString(dict.GetBinary(i));
                            var indices = leaf.DictionaryIndices;
                            for (int r = 0, v = 0; r < rows; r++)
                                if (nulls is null || !nulls[r])
                                    strings[r] = distinct[indices[v++]];
                        }
                        else
                        {
                            for (int r = 0, v = 0; r < rows; r++)
                                if (nulls is null || !nulls[r])
                                    strings[r] = Encoding.UTF8.GetString(values.GetBinary(v++));
                        }
                        column.Strings = strings;
                        break;
                    }
                default:
                    {
                        var objects = new object?[rows];
                        for (int r = 0, v = 0; r < rows; r++)
                            if (nulls is null || !nulls[r])
                                objects[r] = ValueConverter.Convert(kind, field, values, v++);
                        column.Objects = objects;
                        break;
                    }
            }
        }
        catch (ParquetDataException ex)
        {
            throw new ParquetException(FileName, field.Path, $"row group {rowGroup}: {ex.Message}");
        }
        return column;
    }

    /// <summary>Reads a top-level list&lt;double&gt; or list&lt;float&gt; column of one row group as offsets and values.</summary>
    public ParquetListColumn ReadListColumn(int rowGroup, string name)
    {
        var field = Schema.Find(name) ?? throw new ParquetException(FileName, name, "no such top-level column");
        if (field is not { Kind: ParquetFieldKind.List, Element: { Kind: ParquetFieldKind.Primitive, PhysicalType: ParquetPhysicalType.Double or ParquetPhysicalType.Float } element })
            throw new ParquetException(FileName, name, $"is {ParquetSchemaPrinter.TypeName(field)}, not a list of double or float");
        if (element.Node.RepLevel != 1)
            throw new ParquetException(FileName, name, "is a nested list; read it with ReadRecords");
        var leaf = ReadLeaf(rowGroup, element.Node);
        var repeated = field.RepeatedNode!;
        int rowCount = (int)RowGroupAt(rowGroup).NumRows;
        var offsets = new int[rowCount + 1];
        bool[]? nulls = null;
        int listDef = field.Repetition == ParquetRepetition.Optional ? field.Node.DefLevel : 0; // a defined list has def >= this
        int entryDef = repeated.DefLevel;  // a list with an element has def >= this
        int row = -1, count = 0;
        for (int e = 0; e < leaf.EntryCount; e++)
        {
            if (leaf.RepAt(e) == 0)
            {
                if (++row >= rowCount)
                    break;
                offsets[row] = count;
            }
            else if (row < 0)
            {
                throw new ParquetException(FileName, field.Path, $"row group {rowGroup}: the first entry does not start a row");
            }
            int d = leaf.DefAt(e);
            if (d == leaf.MaxDef)
                count++;
            else if (d >= entryDef)
                throw new ParquetException(FileName, field.Path, $"row group {rowGroup}: row {row} has a null element; read this column with ReadRecords");
            else if (d < listDef)
                (nulls ??= new bool[rowCount])[row] = true;
        }
        if (row != rowCount - 1 || count != leaf.Values.Count)
            throw new ParquetException(FileName, field.Path, $"row group {rowGroup}: the levels describe {row + 1} rows and {count} values, the footer {rowCount} rows and the page {leaf.Values.Count} values");
        offsets[rowCount] = count;
        var column = new ParquetListColumn(field, rowCount, offsets) { Nulls = nulls };
        if (element.PhysicalType == ParquetPhysicalType.Double)
            column.Doubles = leaf.Values.Doubles.AsSpan(0, count).ToArray();
        else
            column.Floats = leaf.Values.Floats.AsSpan(0, count).ToArray();
        return column;
    }

    private static bool[]? NullMask(LeafColumn leaf)
    {
        if (leaf.MaxDef == 0 || leaf.Values.Count == leaf.EntryCount)
            return null;
        var nulls = new bool[leaf.EntryCount];
        var defs = leaf.Def.AsSpan(0, leaf.EntryCount);
        int max = leaf.MaxDef;
        for (int i = 0; i < defs.Length; i++)
            nulls[i] = defs[i] != max;
        return nulls;
    }

    /// <summary>Spreads the compact non-null values over the rows, leaving null rows at default.</summary>
    private static T[] Scatter<T>(T[] compact, bool[]? nulls, int rows)
    {
        if (nulls is null && compact.Length == rows)
            return compact; // the decoded array is exactly the column: hand it over, no copy
        var dense = new T[rows];
        if (nulls is null)
        {
            Array.Copy(compact, dense, rows);
            return dense;
        }
        for (int r = 0, v = 0; r < rows; r++)
            if (!nulls[r])
                dense[r] = compact[v++];
        return dense;
    }

    private static T[] Widen<T>(ParquetField field, LogicalValueKind kind, ColumnValues values, bool[]? nulls, int rows, Func<object, T> convert)
    {
        var dense = new T[rows];
        for (int r = 0, v = 0; r < rows; r++)
            if (nulls is null || !nulls[r])
                dense[r] = convert(ValueConverter.Convert(kind, field, values, v++)!);
        return dense;
    }
}
