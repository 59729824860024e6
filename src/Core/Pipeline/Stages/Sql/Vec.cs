using System.Buffers;

namespace Ember.Pipeline.Sql;

/// <summary>
/// One expression's values for a whole batch: a null flag and a value per row, in the array its
/// type's storage uses. Either rented for the batch from <see cref="EvalContext"/> or a view of a
/// frame column's arrays (column references copy nothing).
/// </summary>
internal sealed class Vec
{
    public SqlType Type;
    public bool[] Nulls = [];
    public bool[]? Bools;
    public long[]? Longs;
    public double[]? Doubles;
    public decimal[]? Decimals;
    public string?[]? Strings;
    public string?[]?[]? Arrays;
}

/// <summary>
/// The state of one expression evaluation over one frame: which rows are live, the ANSI flag,
/// scratch buffers (rented from the shared pools, returned in <see cref="Dispose"/>) and the
/// way a row fails when Spark would throw.
/// </summary>
internal sealed class EvalContext : IDisposable
{
    private readonly List<Array> _rented = [];

    public EvalContext(Frame frame, bool ansi, string stage, string column)
    {
        Frame = frame;
        Rows = frame.RowCount;
        Ansi = ansi;
        Stage = stage;
        Column = column;
    }

    public Frame Frame { get; }

    public int Rows { get; }

    /// <summary>spark.sql.ansi.enabled as the saving Spark version defaulted it.</summary>
    public bool Ansi { get; }

    public string Stage { get; }

    /// <summary>The output column (or "WHERE") being computed, for errors.</summary>
    public string Column { get; }

    public bool Live(int row) => Frame.IsOk(row);

    /// <summary>A scratch vector of <paramref name="type"/>, every row null until written.</summary>
    public Vec Rent(SqlType type)
    {
        var v = new Vec { Type = type, Nulls = RentArray<bool>() };
        Array.Fill(v.Nulls, true, 0, Rows);
        switch (type.Storage)
        {
            case VecStorage.Bool: v.Bools = RentArray<bool>(); break;
            case VecStorage.Long: v.Longs = RentArray<long>(); break;
            case VecStorage.Double: v.Doubles = RentArray<double>(); break;
            case VecStorage.Decimal: v.Decimals = RentArray<decimal>(); break;
            case VecStorage.String: v.Strings = RentArray<string?>(); break;
            case VecStorage.StringArray: v.Arrays = RentArray<string?[]?>(); break;
        }
        return v;
    }

    /// <summary>
    /// Fails the row as Spark would fail the query (ANSI errors): later stages skip it and the
    /// caller sees <paramref name="message"/> with the offending value.
    /// </summary>
    public void Fail(int row, string message, string? value = null) =>
        Frame.Fail(row, new ScoreError(ErrorCode.InvalidValue, Column, Stage, message, Truncate(value)));

    public void Dispose()
    {
        foreach (var a in _rented)
            Return(a);
        _rented.Clear();
    }

    private T[] RentArray<T>()
    {
        var a = ArrayPool<T>.Shared.Rent(Math.Max(Rows, 1));
        _rented.Add(a);
        return a;
    }

    private static void Return(Array a)
    {
        switch (a)
        {
            case bool[] b: ArrayPool<bool>.Shared.Return(b); break;
            case long[] l: ArrayPool<long>.Shared.Return(l); break;
            case double[] d: ArrayPool<double>.Shared.Return(d); break;
            case decimal[] m: ArrayPool<decimal>.Shared.Return(m); break;
            case string?[]?[] s: ArrayPool<string?[]?>.Shared.Return(s, clearArray: true); break;
            case string?[] s: ArrayPool<string?>.Shared.Return(s, clearArray: true); break;
        }
    }

    private static string? Truncate(string? s) => s is null || s.Length <= 64 ? s : s[..64] + "...";
}
