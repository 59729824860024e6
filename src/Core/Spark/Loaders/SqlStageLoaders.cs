using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>SQLTransformer and RFormulaModel with its private helper stages (reference §4.32, §4.33, §1.4).</summary>
internal static class SqlStageLoaders
{
    private const string Package = "org.apache.spark.ml.feature.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "SQLTransformer", LoadSQLTransformer);
        registry.Register(Package + "RFormulaModel", LoadRFormulaModel);
        registry.Register(Package + "VectorAttributeRewriter", LoadVectorAttributeRewriter);
        registry.Register(Package + "ColumnPruner", LoadColumnPruner);
        registry.RegisterUnsupported(Package + "RFormula", "an unfitted RFormula cannot transform; save the fitted RFormulaModel (PipelineModel)");
    }

    /// <summary>The statement is parsed now, so a construct outside the subset fails the load, not a request.</summary>
    private static StageDefinition LoadSQLTransformer(SavedStage s)
    {
        string statement = s.Params.RequiredString("statement");
        try
        {
            SQLTransformer.Validate(statement);
        }
        catch (Exception ex) when (ex is Pipeline.Sql.SqlUnsupportedException)
        {
            throw s.Error($"statement \"{statement}\": {ex.Message}");
        }
        return new SQLTransformer(s.Info, statement);
    }

    /// <summary>data: label, terms, hasIntercept; pipelineModel/: the fitted feature pipeline.</summary>
    private static StageDefinition LoadRFormulaModel(SavedStage s)
    {
        if (!s.HasChild("pipelineModel"))
            throw s.Error("has no pipelineModel/ folder.");
        var row = s.ReadSingleRow();
        string label = row.IsNull("label") ? "" : row.GetString("label");
        return new RFormulaModel(s.Info, s.Params.String("formula", ""), label,
            s.Params.String("featuresCol", "features"), s.Params.String("labelCol", "label"), s.LoadChild("pipelineModel"));
    }

    /// <summary>data: vectorCol, prefixesToRewrite map&lt;string, string&gt;.</summary>
    private static StageDefinition LoadVectorAttributeRewriter(SavedStage s)
    {
        var row = s.ReadSingleRow();
        if (row["prefixesToRewrite"] is not IReadOnlyList<KeyValuePair<object?, object?>> entries)
            throw row.Error("prefixesToRewrite", "expected a map<string, string>");
        var prefixes = new List<KeyValuePair<string, string>>(entries.Count);
        foreach (var (key, value) in entries)
        {
            if (key is not string k || value is not string v)
                throw row.Error("prefixesToRewrite", "expected string keys and values");
            prefixes.Add(new(k, v));
        }
        return new VectorAttributeRewriter(s.Info, row.GetString("vectorCol"), prefixes);
    }

    /// <summary>data: columnsToPrune array&lt;string&gt;.</summary>
    private static StageDefinition LoadColumnPruner(SavedStage s) =>
        new ColumnPruner(s.Info, s.ReadSingleRow().GetStringArray("columnsToPrune"));
}
