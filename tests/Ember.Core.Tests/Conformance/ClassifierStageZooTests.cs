using System.Globalization;
using Xunit;
using Ember.Core.Tests.Pipeline;
using Ember.Pipeline;
using Ember.Spark;
using Ember.Testing;

namespace Ember.Core.Tests.Conformance;

/// <summary>
/// Classifier stages of zoo cases whose upstream feature stages are not in Ember yet: the stage is
/// loaded from its own directory and fed the upstream output recomputed here in Spark's order, so
/// Spark's saved probabilities check the classifier itself.
/// </summary>
[Trait(Corpus.Trait, "zoo")]
public class ClassifierStageZooTests
{
    private static readonly SparkModelLoader Loader = SparkModelLoader.CreateDefault();

    /// <summary>
    /// With the FMA kernels (PCA's dgemv "T" as a sequential FMA chain, the MLP's Java11 dgemmNN)
    /// 449 of 450 probabilities are bit-exact, the last 1 ulp off (Math.Exp); with the plain Java8
    /// kernels only 295. So this Spark 3.5.0 run used FMA: evidence for the flavor choice.
    /// </summary>
    [Fact]
    public void Mlp_JpmmlIris350_ReproducesSparkProbabilities()
    {
        var zoo = ZooCase.Load("jpmml-mlp-iris-s350");
        var files = new DirectoryModelFileSystem(zoo.ModelDirectory);
        var loaded = (MultilayerPerceptronClassificationModel)Loader.LoadStage(files, "stages/3_MultilayerPerceptronClassifier_308c63355038");
        var mlp = new MultilayerPerceptronClassificationModel(loaded.Info, loaded.FeaturesCol, loaded.PredictionCol, loaded.RawPredictionCol,
            loaded.ProbabilityCol, loaded.Layers, loaded.Weights, loaded.Thresholds) { Blas = BlasFlavor.Java11 };
        // PCAModel 3.x: pc.transpose.multiply(x) = dgemv "T" over the column-major F×k pc (beta 0).
        var pc = Loader.DataReader.ReadRows(files, "stages/2_PCA_12422dab26f0/data")[0].GetMatrix("pc");
        Assert.False(pc.IsTransposed || pc.IsSparse);
        var input = ZooCase.ReadCsv(zoo.DataFile("Iris.csv"));
        var expected = ZooCase.ReadCsv(zoo.DataFile("expected_NeuralNetworkIris.csv"));
        string[] labels = ["setosa", "versicolor", "virginica"];
        var rows = input.Select(r =>
        {
            double[] x = new[] { "Sepal_Length", "Sepal_Width", "Petal_Length", "Petal_Width" }.Select(c => double.Parse(r[c], CultureInfo.InvariantCulture)).ToArray();
            var y = new double[pc.NumCols];
            for (int j = 0; j < y.Length; j++)
            {
                double s = 0.0;
                for (int k = 0; k < x.Length; k++)
                    s = Math.FusedMultiplyAdd(x[k], pc.Values[k + j * pc.NumRows], s);
                y[j] = s;
            }
            return PipelineHarness.Row(("pcaVector", SparkVector.Dense(y)));
        }).ToArray();
        var results = PipelineHarness.Score(PipelineHarness.Compile(null, mlp), ["probability", "prediction"], rows);
        var agreement = new Agreement(maxUlps: 1);
        for (int i = 0; i < rows.Length; i++)
        {
            var p = ((SparkVector)results[i]["probability"]!).Values;
            for (int c = 0; c < 3; c++)
                agreement.Check(double.Parse(expected[i][$"probability({labels[c]})"], CultureInfo.InvariantCulture), p[c], $"row {i} p({labels[c]})");
            agreement.Equal(expected[i]["Species"], labels[(int)(double)results[i]["prediction"]!], $"row {i} label");
        }
        agreement.AssertAll(zoo.Slug);
    }
}
