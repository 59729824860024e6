namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.Tokenizer (params only): Java's <c>toLowerCase()</c> (default
/// locale, assumed en/ROOT) then <c>String.split("\\s")</c>: every single ASCII whitespace char
/// [ \t\n\x0B\f\r] separates (so runs give empty tokens), a leading separator gives a leading "",
/// trailing empty tokens are dropped, and "" gives [""]. Follows Spark's Tokenizer.scala.
/// </summary>
public sealed class Tokenizer(StageInfo info, string inputCol, string outputCol) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
        [new("inputCol", InputCol), new("outputCol", OutputCol)];

    public override void Compile(PipelineBuilder builder)
    {
        var input = builder.Read(InputCol, TypeSet.String, SparkType.String);
        var output = builder.AddColumn(OutputCol, SparkType.StringArray);
        builder.AddKernel(new TokenizerKernel(input.Name, input.Slot, output.Slot), [input.Slot], [output.Slot]);
    }

    /// <summary>Java's <c>s.split("\\s")</c> (Pattern.split with limit 0).</summary>
    internal static string[] SplitOnWhitespace(string s)
    {
        // Tokens end at the last non-separator: trailing empties are dropped.
        int end = s.Length;
        while (end > 0 && IsJavaSpace(s[end - 1]))
            end--;
        if (end == s.Length && s.AsSpan().IndexOfAny(JavaSpaces) < 0)
            return [s]; // no match: the input itself, "" included
        int count = end == 0 ? 0 : 1;
        for (int i = 0; i < end; i++)
            if (IsJavaSpace(s[i]))
                count++;
        var tokens = new string[count];
        int t = 0, start = 0;
        for (int i = 0; i < end; i++)
        {
            if (IsJavaSpace(s[i]))
            {
                tokens[t++] = s[start..i];
                start = i + 1;
            }
        }
        if (count > 0)
            tokens[t] = s[start..end];
        return tokens;
    }

    private const string JavaSpaces = " \t\n\u000B\f\r";

    private static bool IsJavaSpace(char c) => c is ' ' or '\t' or '\n' or '\u000B' or '\f' or '\r';

    private sealed class TokenizerKernel(string inputName, int input, int output) : TokenizingKernel(inputName, input, output)
    {
        protected override string?[] Tokenize(string text) => SplitOnWhitespace(JavaLowerCase.ToLower(text));
    }
}
