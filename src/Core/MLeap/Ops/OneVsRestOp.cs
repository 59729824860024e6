using System.Globalization;
using Ember.Pipeline;

namespace Ember.MLeap.Ops;

/// <summary>
/// MLeap <c>one_vs_rest</c> → Spark's OneVsRestModel: <c>num_classes</c> binary classifiers in
/// sub-directories model0, model1, … (model.json only). Each reads the node's features column;
/// MLeap stores no label metadata, so the prediction carries none.
/// </summary>
internal static class OneVsRestOp
{
    /// <summary>More classes than this is not a real model.</summary>
    private const int MaxClasses = 100_000;

    public static void Register(MLeapOpRegistry registry) => registry.Register("one_vs_rest", Load);

    private static StageDefinition Load(MLeapNode n, MLeapLoadContext context)
    {
        int classes = n.Attributes.Int("num_classes");
        if (classes is < 1 or > MaxClasses)
            throw n.Attributes.Error("num_classes", $"{classes} is not a class count");
        string features = n.Input("features");
        KeyValuePair<string, string>[] inputs = [new("features", features)];
        var models = new StageDefinition[classes];
        for (int c = 0; c < classes; c++)
        {
            var sub = context.ReadSubModel(n, "model" + c.ToString(CultureInfo.InvariantCulture)).WithSockets(inputs, []);
            models[c] = context.LoadSubModel(sub);
            if (models[c] is not IClassificationModel)
                throw sub.Error($"is not a classifier with a raw prediction; {n.Op} needs one per class");
        }
        return new OneVsRestModel(n.Info("org.apache.spark.ml.classification.OneVsRestModel"), features, n.OptionalOutput("prediction"),
            n.OptionalOutput("raw_prediction"), models, labelAttribute: null);
    }
}
