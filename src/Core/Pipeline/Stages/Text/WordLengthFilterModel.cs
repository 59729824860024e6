using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// MLeap's word_filter op (mleap-core feature/WordLengthFilterModel.scala; Spark side
/// org.apache.spark.ml.mleap.feature.WordLengthFilter): keeps the tokens made only of letters
/// (Java's Character.isLetter per UTF-16 unit: Lu, Ll, Lt, Lm, Lo) and longer than wordLength
/// UTF-16 units, in order. So "" and any token with a digit, apostrophe or punctuation go. A null
/// array or a null token fails the row (MLeap's filter dereferences every token).
/// </summary>
public sealed class WordLengthFilterModel(StageInfo info, string inputCol, string outputCol, int wordLength) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public int WordLength { get; } = wordLength;

    public static bool Keeps(string word, int wordLength)
    {
        if (word.Length <= wordLength)
            return false;
        foreach (char c in word)
            if (!char.IsLetter(c))
                return false;
        return true;
    }

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("wordLength", WordLength.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var input = builder.Read(InputCol, TypeSet.StringArray, SparkType.StringArray);
        var output = builder.AddColumn(OutputCol, SparkType.StringArray);
        builder.AddKernel(new FilterKernel(input.Name, input.Slot, output.Slot, WordLength), [input.Slot], [output.Slot]);
    }

    private sealed class FilterKernel(string inputName, int input, int output, int wordLength) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var source = frame.Column<StringArrayColumn>(input);
            var target = frame.Column<StringArrayColumn>(output);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (source.Values[r] is not { } tokens)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.NullValue, inputName, Stage, "null token array; send an array ([] is fine).", "null"));
                    continue;
                }
                int kept = 0, nullAt = -1;
                for (int i = 0; i < tokens.Length; i++)
                {
                    if (tokens[i] is not { } token)
                    {
                        nullAt = i;
                        break;
                    }
                    if (Keeps(token, wordLength))
                        kept++;
                }
                if (nullAt >= 0)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.NullValue, inputName, Stage, $"token {nullAt} is null; MLeap's word filter cannot test it.", "null"));
                    continue;
                }
                if (kept == tokens.Length)
                {
                    target.Set(r, tokens); // arrays are never mutated downstream
                    continue;
                }
                var result = new string?[kept];
                int k = 0;
                foreach (var token in tokens)
                    if (Keeps(token!, wordLength))
                        result[k++] = token;
                target.Set(r, result);
            }
        }
    }
}
