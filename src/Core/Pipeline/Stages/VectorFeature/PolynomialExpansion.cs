using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.PolynomialExpansion (params only; degree default 2): every
/// monomial up to the degree, without the constant, in Spark's recursive order (features from the
/// last to the first, products built from the highest-index factor). Dense → dense, sparse →
/// sparse. Follows PolynomialExpansion.scala (expandDense / expandSparse).
/// </summary>
public sealed class PolynomialExpansion(StageInfo info, string inputCol, string outputCol, int degree) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public int Degree { get; } = degree;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
        [new("inputCol", InputCol), new("outputCol", OutputCol), new("degree", Degree.ToString(CultureInfo.InvariantCulture))];

    public override void Compile(PipelineBuilder builder)
    {
        if (Degree < 1)
            throw builder.Error(null, $"degree {Degree} is below 1.");
        VectorMapStage.Compile(builder, InputCol, OutputCol, -1,
            input => input.VectorSize >= 0 && PolySize(input.VectorSize, Degree) is > 0 and var n ? VectorAttributes.OfSize((int)(n - 1)) : VectorAttributes.Unknown,
            (input, output) => new ExpandKernel(input.Name, input.Slot, output, Degree));
    }

    /// <summary>C(n + d, d), or -1 when it exceeds int.MaxValue (Spark refuses those).</summary>
    internal static long PolySize(int numFeatures, int degree)
    {
        long result = 1;
        for (int i = 1; i <= degree; i++)
        {
            result = result * (numFeatures + i) / i;
            if (result > int.MaxValue)
                return -1;
        }
        return result;
    }

    private sealed class ExpandKernel(string name, int input, int output, int degree) : VectorMapKernel(name, input, output, -1)
    {
        protected override string? Map(in VectorView v, VectorColumn output, int row)
        {
            long size = PolySize(v.Size, degree);
            if (size < 0)
                return $"expanding {v.Size} features to degree {degree} gives more than {int.MaxValue} values.";
            if (v.IsDense)
            {
                var poly = output.AppendDense(row, (int)size - 1);
                poly.Clear();
                ExpandDense(v.Values, v.Size - 1, degree, 1.0, poly, -1);
                return null;
            }
            long nnzSize = PolySize(v.StoredCount, degree);
            if (nnzSize < 0)
                return $"expanding {v.StoredCount} stored values to degree {degree} gives too many values.";
            var w = output.BeginSparse(row, (int)size - 1, (int)nnzSize - 1);
            int count = 0;
            var state = new SparseOut(w.Indices, w.Values);
            ExpandSparse(v.Indices, v.Values, v.StoredCount - 1, v.Size - 1, degree, 1.0, ref state, ref count, -1);
            output.CommitSparse(row, count);
            return null;
        }

        private static int ExpandDense(ReadOnlySpan<double> values, int lastIdx, int degree, double multiplier, Span<double> poly, int cur)
        {
            if (multiplier == 0.0)
            {
            }
            else if (degree == 0 || lastIdx < 0)
            {
                if (cur >= 0)
                    poly[cur] = multiplier;
            }
            else
            {
                double v = values[lastIdx];
                double alpha = multiplier;
                int start = cur;
                for (int i = 0; i <= degree && alpha != 0.0; i++)
                {
                    start = ExpandDense(values, lastIdx - 1, degree - i, alpha, poly, start);
                    alpha *= v;
                }
            }
            return cur + (int)PolySize(lastIdx + 1, degree);
        }

        private static int ExpandSparse(ReadOnlySpan<int> indices, ReadOnlySpan<double> values, int lastIdx, int lastFeatureIdx,
            int degree, double multiplier, ref SparseOut output, ref int count, int cur)
        {
            if (multiplier == 0.0)
            {
            }
            else if (degree == 0 || lastIdx < 0)
            {
                if (cur >= 0)
                {
                    output.Indices[count] = cur;
                    output.Values[count++] = multiplier;
                }
            }
            else
            {
                double v = values[lastIdx];
                int lastFeatureIdx1 = indices[lastIdx] - 1;
                double alpha = multiplier;
                int start = cur;
                for (int i = 0; i <= degree && alpha != 0.0; i++)
                {
                    start = ExpandSparse(indices, values, lastIdx - 1, lastFeatureIdx1, degree - i, alpha, ref output, ref count, start);
                    alpha *= v;
                }
            }
            return cur + (int)PolySize(lastFeatureIdx + 1, degree);
        }

        private ref struct SparseOut(Span<int> indices, Span<double> values)
        {
            public Span<int> Indices = indices;
            public Span<double> Values = values;
        }
    }
}
