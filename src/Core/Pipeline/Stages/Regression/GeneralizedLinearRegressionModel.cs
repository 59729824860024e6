using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.regression.GeneralizedLinearRegressionModel: η = dot(features,
/// coefficients) + intercept + offset (offset = CAST(offsetCol AS DOUBLE) when offsetCol is
/// defined and non-empty, else 0; a null offset gives null outputs, as Spark's UDF over a
/// primitive does); prediction = project(unlink(η)); linkPredictionCol (when defined and
/// non-empty) = η. Follows GeneralizedLinearRegression.scala (FamilyAndLink, transformImpl).
/// </summary>
/// <param name="link">The link param when set explicitly (non-tweedie families), else null.</param>
/// <param name="linkPower">The linkPower param when set explicitly (tweedie), else null.</param>
public sealed class GeneralizedLinearRegressionModel(StageInfo info, string featuresCol, string predictionCol, string linkPredictionCol,
    string offsetCol, string family, string? link, double variancePower, double? linkPower, SparkVector coefficients, double intercept)
    : StageDefinition(info)
{
    public string FeaturesCol { get; } = featuresCol;
    public string PredictionCol { get; } = predictionCol;
    public string LinkPredictionCol { get; } = linkPredictionCol;
    public string OffsetCol { get; } = offsetCol;
    public string Family { get; } = family;
    public string? Link { get; } = link;
    public double VariancePower { get; } = variancePower;
    public double? LinkPower { get; } = linkPower;
    public SparkVector Coefficients { get; } = coefficients;
    public double Intercept { get; } = intercept;

    public override long EstimatedBytes => 128 + Coefficients.Values.Length * 12L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("linkPredictionCol", LinkPredictionCol),
        new("offsetCol", OffsetCol),
        new("family", Family),
        new("link", Link ?? ""),
        new("variancePower", VariancePower.ToString("R", CultureInfo.InvariantCulture)),
        new("linkPower", LinkPower?.ToString("R", CultureInfo.InvariantCulture) ?? ""),
        new("numFeatures", Coefficients.Size.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var familyLink = GlmFamilyLink.Resolve(Family, Link, VariancePower, LinkPower, out var error)
            ?? throw builder.Error(null, error!);
        var features = builder.Read(FeaturesCol, TypeSet.Vector, SparkType.Vector, Coefficients.Size);
        int offset = -1;
        string offsetName = "";
        if (OffsetCol.Length > 0)
        {
            var column = builder.Read(OffsetCol, TypeSet.Numeric | TypeSet.Boolean, SparkType.Double);
            offset = builder.AsDouble(column);
            offsetName = column.Name;
        }
        var added = new List<ColumnInfo>();
        if (PredictionCol.Length > 0)
            added.Add(builder.AddColumn(PredictionCol, SparkType.Double, nullable: offset >= 0));
        if (LinkPredictionCol.Length > 0)
            added.Add(builder.AddColumn(LinkPredictionCol, SparkType.Double, nullable: offset >= 0));
        if (added.Count == 0)
            return;
        int prediction = PredictionCol.Length > 0 ? added[0].Slot : -1;
        int linkPrediction = LinkPredictionCol.Length > 0 ? added[^1].Slot : -1;
        var kernel = new Kernel(features.Name, features.Slot, offset, prediction, linkPrediction, Coefficients.ToArray(), Intercept,
            familyLink, BlasFlavors.For(Info.Version));
        int[] reads = offset >= 0 ? [features.Slot, offset] : [features.Slot];
        builder.AddKernel(kernel, reads, added.Select(c => c.Slot).ToArray());
        builder.MarkPredictorOutputs(added.ToArray());
    }

    private sealed class Kernel(string featuresName, int features, int offset, int prediction, int linkPrediction,
        double[] coefficients, double intercept, GlmFamilyLink familyLink, BlasFlavor flavor) : Pipeline.Kernel
    {
        public override void Execute(Frame frame)
        {
            var x = frame.Column<VectorColumn>(features);
            var offsets = offset >= 0 ? frame.Column<DoubleColumn>(offset) : null;
            var mu = prediction >= 0 ? frame.Column<DoubleColumn>(prediction) : null;
            var eta = linkPrediction >= 0 ? frame.Column<DoubleColumn>(linkPrediction) : null;
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                // Spark's UDF takes the offset as a primitive double: a null offset short-circuits to null outputs.
                if (offsets is not null && offsets.IsNull(r))
                {
                    mu?.SetNull(r);
                    eta?.SetNull(r);
                    continue;
                }
                if (!Predictors.TryGetFeatures(frame, r, x, featuresName, coefficients.Length, Stage, out var v))
                    continue;
                double link = Blas.Dot(v, coefficients, flavor) + intercept + (offsets is null ? 0.0 : offsets.Values[r]);
                mu?.Set(r, familyLink.Fitted(link));
                eta?.Set(r, link);
            }
        }
    }
}
