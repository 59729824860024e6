namespace Ember.Pipeline.Sql;

/// <summary>
/// A bound, typed expression node of a SQLTransformer plan. <see cref="Eval"/> computes the node
/// for every live row of a frame at once (children first), so a batch costs one pass per node.
/// Rows that are not Ok (dropped or failed earlier) are left null and never evaluated.
/// </summary>
internal abstract class SqlExpr
{
    protected SqlExpr(SqlType type) => Type = type;

    public SqlType Type { get; }

    /// <summary>Spark's toPrettySQL of the node: the name an unaliased SELECT item gets.</summary>
    public abstract string Pretty { get; }

    /// <summary>The node's children, for collecting the slots it reads.</summary>
    public virtual IReadOnlyList<SqlExpr> Children => [];

    public abstract Vec Eval(EvalContext ctx);

    public void CollectSlots(HashSet<int> slots)
    {
        if (this is ColumnExpr c)
            slots.Add(c.Slot);
        foreach (var child in Children)
            child.CollectSlots(slots);
    }
}

/// <summary>A column of the input frame: a view of its arrays, nothing copied.</summary>
internal sealed class ColumnExpr(string name, int slot, SqlType type) : SqlExpr(type)
{
    public string Name { get; } = name;

    public int Slot { get; } = slot;

    public override string Pretty => Name;

    public override Vec Eval(EvalContext ctx)
    {
        var column = ctx.Frame.Columns[Slot];
        var v = new Vec { Type = Type, Nulls = column.Nulls };
        switch (column)
        {
            case BooleanColumn b: v.Bools = b.Values; break;
            case LongColumn l: v.Longs = l.Values; break;
            case DoubleColumn d: v.Doubles = d.Values; break;
            case StringColumn s: v.Strings = s.Values; break;
            case StringArrayColumn a: v.Arrays = a.Values; break;
        }
        return v;
    }
}

/// <summary>A constant; <see cref="Value"/> is bool, long, double, decimal, string or null.</summary>
internal sealed class LiteralExpr(object? value, SqlType type, string pretty) : SqlExpr(type)
{
    public object? Value { get; } = value;

    public override string Pretty { get; } = pretty;

    public override Vec Eval(EvalContext ctx)
    {
        var v = ctx.Rent(Type);
        if (Value is null)
            return v;
        for (int r = 0; r < ctx.Rows; r++)
        {
            v.Nulls[r] = false;
            switch (Value)
            {
                case bool b: v.Bools![r] = b; break;
                case long l: v.Longs![r] = l; break;
                case double d: v.Doubles![r] = d; break;
                case decimal m: v.Decimals![r] = m; break;
                case string s: v.Strings![r] = s; break;
            }
        }
        return v;
    }
}

/// <summary>Runs a per-row function over one evaluated child (the shape of most scalar functions).</summary>
internal abstract class UnaryExpr(SqlExpr child, SqlType type) : SqlExpr(type)
{
    public SqlExpr Child { get; } = child;

    public override IReadOnlyList<SqlExpr> Children => [Child];

    public override Vec Eval(EvalContext ctx)
    {
        var input = Child.Eval(ctx);
        var output = ctx.Rent(Type);
        for (int r = 0; r < ctx.Rows; r++)
        {
            if (input.Nulls[r] || !ctx.Live(r))
                continue;
            Compute(ctx, input, r, output);
        }
        return output;
    }

    /// <summary>Writes row <paramref name="r"/> of <paramref name="output"/> (leave it null for SQL NULL).</summary>
    protected abstract void Compute(EvalContext ctx, Vec input, int r, Vec output);
}

/// <summary>A function of several children that is null when any child is null (NullIntolerant in Spark).</summary>
internal abstract class NullIntolerantExpr(IReadOnlyList<SqlExpr> args, SqlType type) : SqlExpr(type)
{
    public IReadOnlyList<SqlExpr> Args { get; } = args;

    public override IReadOnlyList<SqlExpr> Children => Args;

    public override Vec Eval(EvalContext ctx)
    {
        var inputs = new Vec[Args.Count];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = Args[i].Eval(ctx);
        var output = ctx.Rent(Type);
        for (int r = 0; r < ctx.Rows; r++)
        {
            if (!ctx.Live(r) || AnyNull(inputs, r))
                continue;
            Compute(ctx, inputs, r, output);
        }
        return output;
    }

    protected abstract void Compute(EvalContext ctx, Vec[] inputs, int r, Vec output);

    private static bool AnyNull(Vec[] inputs, int r)
    {
        foreach (var v in inputs)
            if (v.Nulls[r])
                return true;
        return false;
    }
}

internal static class VecWrite
{
    public static void Set(this Vec v, int r, bool value) { v.Bools![r] = value; v.Nulls[r] = false; }

    public static void Set(this Vec v, int r, long value) { v.Longs![r] = value; v.Nulls[r] = false; }

    public static void Set(this Vec v, int r, double value) { v.Doubles![r] = value; v.Nulls[r] = false; }

    public static void Set(this Vec v, int r, decimal value) { v.Decimals![r] = value; v.Nulls[r] = false; }

    public static void Set(this Vec v, int r, string? value) { v.Strings![r] = value; v.Nulls[r] = value is null; }

    public static void Set(this Vec v, int r, string?[]? value) { v.Arrays![r] = value; v.Nulls[r] = value is null; }

    /// <summary>Copies row r from a vector of the same storage.</summary>
    public static void CopyFrom(this Vec v, int r, Vec source)
    {
        if (source.Nulls[r])
        {
            v.Nulls[r] = true;
            return;
        }
        v.Nulls[r] = false;
        switch (v.Type.Storage)
        {
            case VecStorage.Bool: v.Bools![r] = source.Bools![r]; break;
            case VecStorage.Long: v.Longs![r] = source.Longs![r]; break;
            case VecStorage.Double: v.Doubles![r] = source.Doubles![r]; break;
            case VecStorage.Decimal: v.Decimals![r] = source.Decimals![r]; break;
            case VecStorage.String: v.Strings![r] = source.Strings![r]; break;
            case VecStorage.StringArray: v.Arrays![r] = source.Arrays![r]; break;
        }
    }

    /// <summary>Row r rendered for an error message.</summary>
    public static string Render(this Vec v, int r) => v.Nulls[r] ? "NULL" : v.Type.Kind switch
    {
        SqlKind.Date => SqlDateTime.FormatDate(v.Longs![r]),
        SqlKind.Timestamp => SqlDateTime.FormatTimestamp(v.Longs![r]),
        _ => v.RenderStored(r),
    };

    private static string RenderStored(this Vec v, int r) => v.Type.Storage switch
    {
        VecStorage.Bool => v.Bools![r] ? "true" : "false",
        VecStorage.Long => v.Longs![r].ToString(System.Globalization.CultureInfo.InvariantCulture),
        VecStorage.Double => JavaNumberFormat.FormatDouble(v.Doubles![r]),
        VecStorage.Decimal => v.Decimals![r].ToString(System.Globalization.CultureInfo.InvariantCulture),
        VecStorage.String => v.Strings![r] ?? "NULL",
        _ => "?",
    };
}
