using Ember.Batch;
using Ember.Core.Tests.Pipeline;
using Ember.Pipeline;
using Ember.Serving;
using Ember.Spark;
using Ember.Storage;

namespace Ember.Core.Tests.Batch;

/// <summary>
/// A small hand-built model for batch tests: StringIndexer(color → colorIndex; red, green, blue)
/// → VectorAssembler([x, colorIndex] → features, error) → binomial LogisticRegression. Inputs
/// "color" (string) and "x" (double); outputs rawPrediction, probability, prediction.
/// </summary>
internal static class BatchTestModel
{
    public static ServedModel Create(string colorHandleInvalid = "error")
    {
        var stages = new StageDefinition[]
        {
            new StringIndexerModel(PipelineHarness.Info("StringIndexerModel", "3.5.0", "si"), ["color"], ["colorIndex"], [["red", "green", "blue"]], colorHandleInvalid),
            new VectorAssembler(PipelineHarness.Info("VectorAssembler", "3.5.0", "va"), ["x", "colorIndex"], "features", "error"),
            new LogisticRegressionModel(PipelineHarness.Info("LogisticRegressionModel", "3.5.0", "lr"), "features", "prediction", "rawPrediction", "probability",
                new SparkMatrix(1, 2, [1.0, -0.5], isTransposed: true), SparkVector.Dense([0.25]), 2, false, 0.5, false, null),
        };
        var root = new PipelineModel(PipelineHarness.Info("PipelineModel", "3.5.0", "pipe"), stages);
        var model = new SparkModel(root, "test");
        return new ServedModel("colors", "7", model, model.Compile(), null);
    }

    /// <summary>A model reading a vector column "features" directly (for vector inputs).</summary>
    public static ServedModel VectorInput()
    {
        var lr = new LogisticRegressionModel(PipelineHarness.Info("LogisticRegressionModel", "3.5.0", "lr"), "features", "prediction", "rawPrediction", "probability",
            new SparkMatrix(1, 3, [1.0, -0.5, 2.0], isTransposed: true), SparkVector.Dense([0.1]), 2, false, 0.5, false, null);
        var model = new SparkModel(new PipelineModel(PipelineHarness.Info("PipelineModel", "3.5.0", "pipe"), [lr]), "test");
        return new ServedModel("vectors", "1", model, model.Compile(), null);
    }

    public static BatchRunner FileRunner(bool summaries = true) => new(new BatchRunnerOptions
    {
        OpenStore = uri => ObjectStoreFactory.FromUri(uri, _ => null),
        Summaries = summaries,
    });

    public static BatchJob Job(string input, string output, string onError = "fail", IReadOnlyList<string>? passthrough = null,
        int? chunkRows = null, BatchPart? part = null, string? jobId = null) =>
        BatchJobParser.Validate(new BatchJobMessage("colors", null, null, input, output, null, null, passthrough ?? ["*"], chunkRows, onError, jobId, part));

    public static Task<BatchSummary> RunAsync(this BatchRunner runner, BatchJob job, ServedModel model, CancellationToken cancellationToken = default,
        Action<BatchProgress>? progress = null) =>
        runner.RunAsync(job, _ => ValueTask.FromResult(model), new BatchRunContext { Progress = progress }, cancellationToken);

    /// <summary>The probability of class 1 the model gives (x, color) — computed through a frame directly.</summary>
    public static IReadOnlyList<RowResult> Direct(ServedModel model, params (string Color, double? X)[] rows) =>
        PipelineHarness.Score(model.Pipeline, model.Pipeline.DefaultOutputs.Select(o => o.Name),
            rows.Select(r => PipelineHarness.Row(("color", r.Color), ("x", r.X))).ToArray());
}
