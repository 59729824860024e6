namespace Ember.MLeap.Ops;

/// <summary>Ops MLeap can write that Ember refuses, each with the reason a user sees in the load error.</summary>
internal static class UnsupportedOps
{
    private const string NoStage = "Ember has no stage for the Spark class it comes from yet";
    private const string MLeapOnly = "an MLeap-only transformer Ember has no stage for yet";

    public static void Register(MLeapOpRegistry registry)
    {
        foreach (var op in (string[])["lda_local_model_op", "als"])
            registry.RegisterUnsupported(op, NoStage);
        foreach (var op in (string[])["string_map", "map_entry_selector", "coalesce", "regex_indexer", "categorical_drilldown", "tensorflow",
            "xgboost.classifier", "xgboost.regression", "xgboost.perf.classifier", "xgboost.perf.regression"])
            registry.RegisterUnsupported(op, MLeapOnly);
    }
}
