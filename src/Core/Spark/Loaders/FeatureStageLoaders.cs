using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for org.apache.spark.ml.feature.* (reference §4).</summary>
internal static class FeatureStageLoaders
{
    private const string Package = "org.apache.spark.ml.feature.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "VectorAssembler", LoadVectorAssembler);
        registry.Register(Package + "StringIndexerModel", LoadStringIndexerModel);
        registry.Register(Package + "IndexToString", LoadIndexToString);
        registry.Register(Package + "OneHotEncoderModel", LoadOneHotEncoderModel);
        registry.Register(Package + "OneHotEncoder", LoadOneHotEncoder);
        registry.Register(Package + "Bucketizer", LoadBucketizer);
        registry.Register(Package + "Binarizer", LoadBinarizer);
        registry.Register(Package + "ImputerModel", LoadImputerModel);
        registry.Register(Package + "VectorIndexerModel", LoadVectorIndexerModel);
        registry.Register(Package + "VectorSizeHint", LoadVectorSizeHint);
        registry.Register(Package + "Interaction", LoadInteraction);
        foreach (var estimator in (string[])["StringIndexer", "OneHotEncoderEstimator", "QuantileDiscretizer", "Imputer", "VectorIndexer"])
            registry.RegisterUnsupported(Package + estimator, "an unfitted estimator cannot transform; save the fitted model (PipelineModel)");
    }

    private static StageDefinition LoadVectorAssembler(SavedStage s) => new VectorAssembler(
        s.Info,
        s.Params.StringArray("inputCols") ?? throw s.Params.Missing("inputCols"),
        s.Params.OutputCol(),
        s.Params.String("handleInvalid", "error"));

    /// <summary>data: labels (≤2.4) or labelsArray (3.0+, one array per input column).</summary>
    private static StageDefinition LoadStringIndexerModel(SavedStage s)
    {
        var (inputs, outputs) = Columns(s);
        var row = s.ReadSingleRow();
        List<string[]> labelsArray;
        if (s.Version.Major < 3)
        {
            labelsArray = [row.GetStringArray("labels")];
        }
        else
        {
            labelsArray = [];
            foreach (var item in row.GetList("labelsArray"))
            {
                if (item is not IReadOnlyList<object?> labels)
                    throw row.Error("labelsArray", "expected an array of string arrays");
                labelsArray.Add(labels.Select(l => l as string ?? throw row.Error("labelsArray", "a label is null or not a string")).ToArray());
            }
        }
        if (labelsArray.Count != inputs.Length)
            throw s.Error($"has {inputs.Length} input columns but {labelsArray.Count} label arrays in data/.");
        return new StringIndexerModel(s.Info, inputs, outputs, labelsArray, s.Params.String("handleInvalid", "error"));
    }

    private static StageDefinition LoadIndexToString(SavedStage s) => new IndexToString(
        s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), s.Params.StringArray("labels"));

    /// <summary>data: categorySizes. Written by OneHotEncoderEstimator (2.3–2.4, multi-column only) and OneHotEncoder (3.0+).</summary>
    private static StageDefinition LoadOneHotEncoderModel(SavedStage s)
    {
        var (inputs, outputs) = Columns(s);
        var sizes = s.ReadSingleRow().GetIntArray("categorySizes");
        return new OneHotEncoderModel(s.Info, inputs, outputs, sizes, s.Params.Bool("dropLast", true), s.Params.String("handleInvalid", "error"));
    }

    /// <summary>Spark 2.x saved the params-only transformer under this name; 3.0+ it is the estimator.</summary>
    private static StageDefinition LoadOneHotEncoder(SavedStage s)
    {
        if (s.Version.Major >= 3)
            throw s.Error("is the unfitted OneHotEncoder estimator (Spark 3.0+); save the fitted OneHotEncoderModel (PipelineModel) instead.");
        return new OneHotEncoder(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), s.Params.Bool("dropLast", true));
    }

    /// <summary>splits + inputCol, or (2.3+) splitsArray + inputCols.</summary>
    private static StageDefinition LoadBucketizer(SavedStage s)
    {
        string handleInvalid = s.Params.String("handleInvalid", "error");
        if (s.Params.IsDefined("inputCols") && !s.Params.IsSet("inputCol"))
        {
            var inputs = s.Params.StringArray("inputCols")!;
            var outputs = s.Params.StringArray("outputCols") ?? throw s.Params.Missing("outputCols");
            var splitsArray = s.Params.DoubleArrayArray("splitsArray") ?? throw s.Params.Missing("splitsArray");
            return new Bucketizer(s.Info, inputs, outputs, splitsArray, handleInvalid);
        }
        var splits = s.Params.DoubleArray("splits") ?? throw s.Params.Missing("splits");
        return new Bucketizer(s.Info, [s.Params.RequiredString("inputCol")], [s.Params.OutputCol()], [splits], handleInvalid);
    }

    /// <summary>threshold + inputCol, or (3.0+) inputCols with thresholds (or the one threshold for all).</summary>
    private static StageDefinition LoadBinarizer(SavedStage s)
    {
        double threshold = s.Params.Double("threshold", 0.0);
        if (s.Params.IsSet("inputCols"))
        {
            var inputs = s.Params.StringArray("inputCols")!;
            var outputs = s.Params.StringArray("outputCols") ?? throw s.Params.Missing("outputCols");
            var thresholds = s.Params.IsSet("thresholds") ? s.Params.DoubleArray("thresholds")! : Enumerable.Repeat(threshold, inputs.Length).ToArray();
            return new Binarizer(s.Info, inputs, outputs, thresholds);
        }
        return new Binarizer(s.Info, [s.Params.RequiredString("inputCol")], [s.Params.OutputCol()], [threshold]);
    }

    /// <summary>data: one row, one double column per input column holding its surrogate.</summary>
    private static StageDefinition LoadImputerModel(SavedStage s)
    {
        var (inputs, outputs) = Columns(s, singleSince: 3);
        var row = s.ReadSingleRow();
        var surrogates = new double[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            // Spark selects the surrogate columns by name, case-insensitively by default.
            string field = row.Names.FirstOrDefault(n => n == inputs[i])
                ?? row.Names.FirstOrDefault(n => string.Equals(n, inputs[i], StringComparison.OrdinalIgnoreCase))
                ?? throw s.Error($"data/ has no surrogate column for input column '{inputs[i]}' (columns: {string.Join(", ", row.Names)}).");
            surrogates[i] = row.GetDouble(field);
        }
        return new ImputerModel(s.Info, inputs, outputs, surrogates, s.Params.Double("missingValue", double.NaN));
    }

    /// <summary>data: numFeatures, categoryMaps map&lt;int, map&lt;double, int&gt;&gt;.</summary>
    private static StageDefinition LoadVectorIndexerModel(SavedStage s)
    {
        var row = s.ReadSingleRow();
        int numFeatures = row.GetInt("numFeatures");
        if (numFeatures < 0)
            throw row.Error("numFeatures", $"is negative ({numFeatures})");
        var maps = new Dictionary<int, IReadOnlyDictionary<double, int>>();
        if (row["categoryMaps"] is not IReadOnlyList<KeyValuePair<object?, object?>> entries)
            throw row.Error("categoryMaps", "expected a map<int, map<double, int>>");
        foreach (var (key, value) in entries)
        {
            if (key is not int feature || value is not IReadOnlyList<KeyValuePair<object?, object?>> inner)
                throw row.Error("categoryMaps", "expected int keys and map<double, int> values");
            var map = new Dictionary<double, int>(inner.Count);
            foreach (var (original, category) in inner)
            {
                if (original is not double d || category is not int c)
                    throw row.Error("categoryMaps", $"feature {feature}: expected double keys and int values");
                map[d] = c;
            }
            maps[feature] = map;
        }
        return new VectorIndexerModel(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), numFeatures, maps,
            s.Params.String("handleInvalid", "error"));
    }

    private static StageDefinition LoadVectorSizeHint(SavedStage s) => new VectorSizeHint(
        s.Info, s.Params.RequiredString("inputCol"), s.Params.RequiredInt("size"), s.Params.String("handleInvalid", "error"));

    private static StageDefinition LoadInteraction(SavedStage s) => new Interaction(
        s.Info, s.Params.StringArray("inputCols") ?? throw s.Params.Missing("inputCols"), s.Params.OutputCol());

    /// <summary>
    /// inputCol/outputCol when inputCol is set (Spark's getInOutCols checks isSet(inputCol)), else
    /// inputCols/outputCols. <paramref name="singleSince"/>: first major version with single-column
    /// params (ImputerModel gained them in 3.0).
    /// </summary>
    private static (string[] Inputs, string[] Outputs) Columns(SavedStage s, int singleSince = 0)
    {
        if (s.Params.IsSet("inputCol") && s.Version.Major >= singleSince)
            return ([s.Params.RequiredString("inputCol")], [s.Params.OutputCol()]);
        if (s.Params.StringArray("inputCols") is { } inputs)
        {
            var outputs = s.Params.StringArray("outputCols") ?? throw s.Params.Missing("outputCols");
            if (outputs.Length != inputs.Length)
                throw s.Error($"has {inputs.Length} inputCols but {outputs.Length} outputCols.");
            return (inputs, outputs);
        }
        return ([s.Params.RequiredString("inputCol")], [s.Params.OutputCol()]);
    }
}
