using Ember.Pipeline.Sql;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.SQLTransformer (params only): runs its <c>statement</c> with
/// <c>__THIS__</c> standing for the input. The statement is parsed and bound at load into an
/// expression plan for the subset feature pipelines use (see Stages/Sql/README.md); anything
/// outside it fails the load, naming the construct. WHERE becomes a row-dropping kernel; each
/// computed SELECT item one kernel (so unneeded outputs are pruned); plain column references
/// (aliased or not) reuse their slot and keep their ML attributes, as Spark's Alias does.
/// spark.sql.ansi.enabled follows the saving version's default: off in 3.x, on from 4.0.
/// </summary>
public sealed class SQLTransformer(StageInfo info, string statement) : StageDefinition(info)
{
    public string Statement { get; } = statement;

    /// <summary>ANSI mode as the saving Spark version defaulted it (SPARK-44444: on from 4.0).</summary>
    public bool Ansi => Info.Version.Major >= 4;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("statement", Statement),
        new("ansi", Ansi ? "true" : "false"),
    ];

    /// <summary>Parses the statement, so a load refuses it before any pipeline is built.</summary>
    internal static void Validate(string statement) => SqlParser.Parse(statement);

    public override void Compile(PipelineBuilder builder)
    {
        SelectStatement parsed;
        try
        {
            parsed = SqlParser.Parse(Statement);
        }
        catch (SqlUnsupportedException ex)
        {
            throw builder.Error(null, $"statement \"{Statement}\": {ex.Message}");
        }
        try
        {
            CompileStatement(builder, parsed);
        }
        catch (SqlUnsupportedException ex)
        {
            throw builder.Error(null, $"statement \"{Statement}\": {ex.Message}");
        }
    }

    private void CompileStatement(PipelineBuilder builder, SelectStatement parsed)
    {
        var binder = new SqlBinder(builder);
        if (parsed.Where is { } where)
        {
            var condition = binder.Bind(where, SqlType.Boolean);
            if (condition.Type.Kind is not (SqlKind.Boolean or SqlKind.Null))
                throw new SqlUnsupportedException($"WHERE needs a boolean condition, but {condition.Pretty} is {condition.Type.Sql}.");
            builder.AddKernel(new FilterKernel(condition, Ansi), Reads(condition), [], dropsRows: true);
        }
        // Bind every item first: raw inputs they read join the input table that '*' stands for.
        var items = new List<(SelectItem Item, ColumnInfo? Plain, SqlExpr? Expr)>();
        foreach (var item in parsed.Items)
        {
            if (item.Expr is StarNode)
                items.Add((item, null, null));
            else if (binder.PlainColumn(item.Expr) is { } plain)
                items.Add((item, plain, null));
            else
                items.Add((item, null, binder.Bind(item.Expr)));
        }
        var input = builder.Schema.ToList();
        var output = new List<ColumnInfo>();
        foreach (var (item, plain, expr) in items)
        {
            if (item.Expr is StarNode)
                output.AddRange(input);
            else if (plain is not null)
                output.Add(item.Alias is null ? plain : plain with { Name = item.Alias });
            else
                output.Add(Project(builder, item.Alias ?? expr!.Pretty, expr!));
        }
        var duplicate = output.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new SqlUnsupportedException($"the SELECT list produces the column '{duplicate.Key}' twice; Spark would make later references to it ambiguous.");
        builder.SetSchema(output);
    }

    private ColumnInfo Project(PipelineBuilder builder, string name, SqlExpr expr)
    {
        if (expr.Type.Kind == SqlKind.Null)
            expr = SqlBinder.Implicit(expr, SqlType.String);
        var column = builder.NewDetachedColumn(name, expr.Type.ToSparkType());
        builder.AddKernel(new ProjectKernel(expr, column.Slot, name, Ansi), Reads(expr), [column.Slot]);
        return column;
    }

    private static int[] Reads(SqlExpr expr)
    {
        var slots = new HashSet<int>();
        expr.CollectSlots(slots);
        return slots.Order().ToArray();
    }

    /// <summary>Evaluates one SELECT item for the batch and stores it in its output column.</summary>
    private sealed class ProjectKernel(SqlExpr expr, int slot, string name, bool ansi) : Kernel
    {
        public override void Execute(Frame frame)
        {
            using var ctx = new EvalContext(frame, ansi, Stage, name);
            var values = expr.Eval(ctx);
            var column = frame.Columns[slot];
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r) || values.Nulls[r])
                {
                    column.SetNull(r);
                    continue;
                }
                switch (column)
                {
                    case LongColumn l: l.Set(r, values.Longs![r]); break;
                    case DoubleColumn d: d.Set(r, values.Type.Kind == SqlKind.Decimal ? SqlDecimal.ToDouble(values.Decimals![r]) : values.Doubles![r]); break;
                    case BooleanColumn b: b.Set(r, values.Bools![r]); break;
                    case StringColumn s: s.Set(r, values.Strings![r]); break;
                    case StringArrayColumn a: a.Set(r, values.Arrays![r]); break;
                }
            }
        }
    }

    /// <summary>WHERE: rows whose condition is false or NULL are dropped.</summary>
    private sealed class FilterKernel(SqlExpr condition, bool ansi) : Kernel
    {
        public override void Execute(Frame frame)
        {
            using var ctx = new EvalContext(frame, ansi, Stage, "WHERE");
            var keep = condition.Eval(ctx);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r) || (!keep.Nulls[r] && keep.Bools![r]))
                    continue;
                frame.Skip(r, new ScoreError(ErrorCode.Skipped, "WHERE", Stage, $"filtered by WHERE {condition.Pretty}"));
            }
        }
    }
}
