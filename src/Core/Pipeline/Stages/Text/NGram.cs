using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.NGram (params only): every window of n consecutive tokens joined
/// with one space (Scala's <c>sliding(n).withPartial(false)</c> then <c>mkString(" ")</c>, so a
/// null token prints as "null"); fewer than n tokens give []. A null array fails the row.
/// Follows Spark's NGram.scala.
/// </summary>
public sealed class NGram(StageInfo info, string inputCol, string outputCol, int n) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public int N { get; } = n;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
        [new("inputCol", InputCol), new("outputCol", OutputCol), new("n", N.ToString(CultureInfo.InvariantCulture))];

    public override void Compile(PipelineBuilder builder)
    {
        if (N < 1)
            throw builder.Error(null, $"n = {N}; Spark requires n >= 1.");
        var input = builder.Read(InputCol, TypeSet.StringArray, SparkType.StringArray);
        var output = builder.AddColumn(OutputCol, SparkType.StringArray);
        builder.AddKernel(new NGramKernel(input.Name, input.Slot, output.Slot, N), [input.Slot], [output.Slot]);
    }

    private sealed class NGramKernel(string inputName, int input, int output, int n) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var src = frame.Column<StringArrayColumn>(input);
            var dst = frame.Column<StringArrayColumn>(output);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (src.Values[r] is not { } tokens)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.NullValue, inputName, Stage,
                        "null token array; NGram cannot slide over null (Spark throws). Send an array ([] is fine).", "null"));
                    continue;
                }
                int count = Math.Max(0, tokens.Length - n + 1);
                bool hasNull = Array.IndexOf(tokens, null) >= 0;
                var grams = new string?[count];
                for (int i = 0; i < count; i++)
                    grams[i] = hasNull ? string.Join(' ', Window(tokens, i)) : string.Join(" ", tokens, i, n);
                dst.Set(r, grams);
            }
        }

        private string[] Window(string?[] tokens, int start)
        {
            var w = new string[n];
            for (int j = 0; j < n; j++)
                w[j] = tokens[start + j] ?? "null";
            return w;
        }
    }
}
