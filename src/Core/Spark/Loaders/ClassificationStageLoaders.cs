using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for org.apache.spark.ml.classification.* linear, Bayes and perceptron models (reference §5).</summary>
internal static class ClassificationStageLoaders
{
    private const string Package = "org.apache.spark.ml.classification.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "LogisticRegressionModel", LoadLogisticRegression);
        registry.Register(Package + "LinearSVCModel", LoadLinearSvc);
        registry.Register(Package + "NaiveBayesModel", LoadNaiveBayes);
        registry.Register(Package + "MultilayerPerceptronClassificationModel", LoadMultilayerPerceptron);
    }

    /// <summary>data ≤ 2.0: numClasses, numFeatures, intercept, coefficients (binomial only); 2.1+: interceptVector, coefficientMatrix, isMultinomial.</summary>
    private static StageDefinition LoadLogisticRegression(SavedStage s)
    {
        var p = s.Params;
        var row = s.ReadSingleRow();
        int numClasses = row.GetInt("numClasses");
        SparkMatrix matrix;
        SparkVector intercepts;
        bool multinomial;
        if (s.Version.Before(2, 1))
        {
            // Spark's 2.0 reader turns the coefficients into a dense row-major 1×F matrix.
            var coefficients = row.GetVector("coefficients").ToArray();
            matrix = new SparkMatrix(1, coefficients.Length, coefficients, isTransposed: true);
            intercepts = SparkVector.Dense([row.GetDouble("intercept")]);
            multinomial = false;
        }
        else
        {
            matrix = row.GetMatrix("coefficientMatrix");
            intercepts = row.GetVector("interceptVector");
            multinomial = row.GetBool("isMultinomial");
        }
        return new LogisticRegressionModel(s.Info,
            p.String("featuresCol", "features"),
            p.String("predictionCol", "prediction"),
            p.String("rawPredictionCol", "rawPrediction"),
            p.String("probabilityCol", "probability"),
            matrix, intercepts, numClasses, multinomial,
            p.Double("threshold", 0.5), p.IsSet("threshold"), p.DoubleArray("thresholds"));
    }

    /// <summary>data: coefficients, intercept.</summary>
    private static StageDefinition LoadLinearSvc(SavedStage s)
    {
        var p = s.Params;
        var row = s.ReadSingleRow();
        return new LinearSVCModel(s.Info,
            p.String("featuresCol", "features"),
            p.String("predictionCol", "prediction"),
            p.String("rawPredictionCol", "rawPrediction"),
            row.GetVector("coefficients"),
            row.GetDouble("intercept"),
            p.Double("threshold", 0.0));
    }

    /// <summary>data: pi, theta (+ sigma from 3.0, 0×0 unless gaussian).</summary>
    private static StageDefinition LoadNaiveBayes(SavedStage s)
    {
        var p = s.Params;
        var row = s.ReadSingleRow();
        SparkMatrix? sigma = s.Version.AtLeast(3, 0) && row.Has("sigma") && !row.IsNull("sigma") ? row.GetMatrix("sigma") : null;
        return new NaiveBayesModel(s.Info,
            p.String("featuresCol", "features"),
            p.String("predictionCol", "prediction"),
            p.String("rawPredictionCol", "rawPrediction"),
            p.String("probabilityCol", "probability"),
            p.String("modelType", NaiveBayesModel.Multinomial),
            row.GetVector("pi"),
            row.GetMatrix("theta"),
            sigma,
            p.DoubleArray("thresholds"));
    }

    /// <summary>data ≤ 2.4: layers, weights; 3.0+: weights, with layers as a param.</summary>
    private static StageDefinition LoadMultilayerPerceptron(SavedStage s)
    {
        var p = s.Params;
        var row = s.ReadSingleRow();
        int[] layers = s.Version.Before(3, 0)
            ? row.GetIntArray("layers")
            : p.IntArray("layers") ?? throw p.Missing("layers");
        return new MultilayerPerceptronClassificationModel(s.Info,
            p.String("featuresCol", "features"),
            p.String("predictionCol", "prediction"),
            p.String("rawPredictionCol", "rawPrediction"),
            p.String("probabilityCol", "probability"),
            layers,
            row.GetVector("weights").ToArray(),
            p.DoubleArray("thresholds"));
    }
}
