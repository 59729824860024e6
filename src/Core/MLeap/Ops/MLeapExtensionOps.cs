using Ember.Pipeline;

namespace Ember.MLeap.Ops;

/// <summary>
/// Ops of MLeap's own transformers (mleap-spark-extension, org.apache.spark.ml.mleap.*) with no
/// spark.ml class: each maps to an Ember stage named after MLeap's model. Attribute layouts
/// follow the 0.8 runtime ops (mleap-runtime bundle/ops/feature/*Op.scala).
/// </summary>
internal static class MLeapExtensionOps
{
    private const string Feature = "org.apache.spark.ml.mleap.feature.";
    private const string Classification = "org.apache.spark.ml.mleap.classification.";

    public static void Register(MLeapOpRegistry registry)
    {
        registry.Register("imputer", Imputer);
        registry.Register("math_unary", MathUnary);
        registry.Register("math_binary", MathBinary);
        registry.Register("multinomial_labeler", (n, _) => new MultinomialLabelerModel(n.Info(Feature + "MultinomialLabeler"),
            n.Input("features"), n.Output("probabilities"), n.Output("labels"), n.Attributes.Double("threshold"), n.Attributes.StringList("labels")));
        registry.Register("word_filter", WordFilter);
        registry.Register("support_vector_machine", SupportVectorMachine);
    }

    /// <summary>surrogate_value and missing_value are required (MLeap's op reads both); NaN is written as null.</summary>
    private static StageDefinition Imputer(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        // nullable_input only declares the input's nullability to MLeap's type checker: nulls are imputed either way.
        return new MLeapImputerModel(n.Info(Feature + "ImputerModel"), n.Input(), n.Output(),
            a.Double("surrogate_value"), a.Double("missing_value"), a.String("strategy", ""));
    }

    private static StageDefinition MathUnary(MLeapNode n, MLeapLoadContext _)
    {
        string name = n.Attributes.String("operation");
        if (!MathUnaryModel.TryParse(name, out var operation))
            throw n.Attributes.Error("operation", $"'{name}' is not a math_unary operation ({MathUnaryModel.KnownNames})");
        return new MathUnaryModel(n.Info(Feature + "MathUnary"), n.Input(), n.Output(), operation);
    }

    /// <summary>input_a / input_b may be absent, replaced by the constants da / db.</summary>
    private static StageDefinition MathBinary(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        string name = a.String("operation");
        if (!MathBinaryModel.TryParse(name, out var operation))
            throw a.Error("operation", $"'{name}' is not a math_binary operation ({MathBinaryModel.KnownNames})");
        string inputA = n.OptionalInput("input_a"), inputB = n.OptionalInput("input_b");
        double? da = a.Has("da") ? a.Double("da") : null;
        double? db = a.Has("db") ? a.Double("db") : null;
        if (inputA.Length == 0 && da is null)
            throw n.Error("has no input_a socket and no 'da' attribute (the constant a); one of them is needed");
        if (inputB.Length == 0 && db is null)
            throw n.Error("has no input_b socket and no 'db' attribute (the constant b); one of them is needed");
        return new MathBinaryModel(n.Info(Feature + "MathBinary"), inputA.Length == 0 ? null : inputA, inputB.Length == 0 ? null : inputB,
            n.Output(), operation, da, db);
    }

    private static StageDefinition WordFilter(MLeapNode n, MLeapLoadContext _)
    {
        int length = n.Attributes.Int("length");
        if (length < 0)
            throw n.Attributes.Error("length", $"{length} is not a word length");
        return new WordLengthFilterModel(n.Info(Feature + "WordLengthFilter"), n.Input(), n.Output(), length);
    }

    /// <summary>
    /// 0.8+: coefficients, intercept, num_classes (must be 2, as MLeap requires) and optional
    /// thresholds. Older writers stored a single 'threshold' under a different prediction rule.
    /// </summary>
    private static StageDefinition SupportVectorMachine(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        long classes = a.Long("num_classes");
        if (classes != 2)
            throw a.Error("num_classes", $"{classes}: MLeap's SVM is binary only");
        if (a.Has("threshold") && !a.Has("thresholds"))
            throw a.Error("threshold", "a single SVM threshold comes from an MLeap older than 0.8, whose prediction rule Ember does not reproduce; re-export the model with MLeap 0.8 or later");
        return new SupportVectorMachineModel(n.Info(Classification + "SVMModel"), n.Input("features"),
            n.OptionalOutput("prediction"), n.OptionalOutput("raw_prediction"), n.OptionalOutput("probability"),
            FeatureOps.Vector(n, "coefficients"), a.Double("intercept"), PredictorOps.Thresholds(n));
    }
}
