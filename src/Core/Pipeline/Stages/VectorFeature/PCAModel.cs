using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.PCAModel: y = pcᵀ · x (k outputs, dense; no centering). Follows
/// PCA.scala (pc.transpose.multiply) and BLAS.gemv: dense x → dgemv "T" over the stored pc, each
/// output a sequential sum over the features then y = 1.0 · sum (+ 0.0 · y); sparse x → Spark's own
/// loop over the stored entries, y = sum · 1.0 + 0.0.
/// </summary>
public sealed class PCAModel(StageInfo info, string inputCol, string outputCol, SparkMatrix pc) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    /// <summary>Principal components: numFeatures × k, column j = component j.</summary>
    public SparkMatrix Pc { get; } = pc;

    public override long EstimatedBytes => 64 + 8L * Pc.NumRows * Pc.NumCols;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("k", Pc.NumCols.ToString(CultureInfo.InvariantCulture)),
        new("numFeatures", Pc.NumRows.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        int f = Pc.NumRows, k = Pc.NumCols;
        // components[j * f + i] = pc[i, j]: each output's weights contiguous.
        var components = new double[f * k];
        for (int j = 0; j < k; j++)
            for (int i = 0; i < f; i++)
                components[j * f + i] = Pc[i, j];
        VectorMapStage.Compile(builder, InputCol, OutputCol, f, _ => VectorAttributes.OfSize(k),
            (input, output) => new ProjectKernel(input.Name, input.Slot, output, components, f, k, BlasFlavors.ForMatrix(Info.Version) == BlasFlavor.Java11));
    }

    private sealed class ProjectKernel(string name, int input, int output, double[] components, int numFeatures, int k, bool fma)
        : VectorMapKernel(name, input, output, numFeatures)
    {
        private readonly int f = numFeatures;

        protected override string? Map(in VectorView v, VectorColumn output, int row)
        {
            var y = output.AppendDense(row, k);
            for (int j = 0; j < k; j++)
            {
                var w = components.AsSpan(j * f, f);
                double sum = 0.0;
                if (v.IsDense)
                {
                    if (fma)
                        for (int i = 0; i < f; i++)
                            sum = Math.FusedMultiplyAdd(w[i], v.Values[i], sum);
                    else
                        for (int i = 0; i < f; i++)
                            sum += w[i] * v.Values[i];
                    y[j] = 0.0 + 1.0 * sum;
                }
                else
                {
                    for (int t = 0; t < v.StoredCount; t++)
                        sum += v.Values[t] * w[v.Indices[t]];
                    y[j] = sum * 1.0 + 0.0;
                }
            }
            return null;
        }
    }
}
