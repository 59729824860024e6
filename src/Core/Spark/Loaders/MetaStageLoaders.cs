using System.Globalization;
using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Containers: PipelineModel (stages/) and the tuning models (bestModel/).</summary>
internal static class MetaStageLoaders
{
    public static void Register(SparkStageRegistry registry)
    {
        registry.Register("org.apache.spark.ml.PipelineModel", LoadPipelineModel);
        // PySpark writes its own class name when a pipeline holds Python-only stages.
        registry.Register("pyspark.ml.pipeline.PipelineModel", LoadPipelineModel);
        registry.Register("org.apache.spark.ml.tuning.CrossValidatorModel", LoadBestModel);
        registry.Register("org.apache.spark.ml.tuning.TrainValidationSplitModel", LoadBestModel);
        registry.RegisterUnsupported("org.apache.spark.ml.Pipeline", "an unfitted Pipeline cannot transform; save the fitted PipelineModel");
    }

    /// <summary>stages/&lt;IDX&gt;_&lt;uid&gt;, IDX zero-padded to the digits of the stage count, in stageUids order.</summary>
    private static StageDefinition LoadPipelineModel(SavedStage stage)
    {
        var uids = stage.Params.StringArray("stageUids") ?? throw stage.Params.Missing("stageUids");
        var dirs = stage.Files.ListDirectories(ModelPath.Combine(stage.Path, "stages"));
        int digits = uids.Length.ToString(CultureInfo.InvariantCulture).Length;
        var children = new StageDefinition[uids.Length];
        for (int i = 0; i < uids.Length; i++)
        {
            string expected = i.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0') + "_" + uids[i];
            string? dir = dirs.Contains(expected) ? expected : dirs.FirstOrDefault(d => IndexOf(d) == i);
            if (dir is null)
                throw stage.Error($"stage {i} ({uids[i]}) has no directory stages/{expected}.");
            children[i] = stage.LoadChild("stages/" + dir);
        }
        return new PipelineModel(stage.Info, children);
    }

    /// <summary>CrossValidatorModel / TrainValidationSplitModel transform with bestModel; nothing else matters for scoring.</summary>
    private static StageDefinition LoadBestModel(SavedStage stage)
    {
        if (!stage.HasChild("bestModel"))
            throw stage.Error("has no bestModel/ folder.");
        return new PipelineModel(stage.Info, [stage.LoadChild("bestModel")]);
    }

    private static int IndexOf(string dir)
    {
        int underscore = dir.IndexOf('_');
        return underscore > 0 && int.TryParse(dir.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : -1;
    }
}
