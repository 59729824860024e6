using System.Globalization;
using System.Text.RegularExpressions;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.RegexTokenizer (params only): optional Java <c>toLowerCase()</c>,
/// then with gaps the Java <c>Pattern.split</c> of the text (limit 0) or else every match
/// (<c>findAllIn</c>), keeping tokens of at least minTokenLength UTF-16 units. The Java pattern is
/// translated once, at load (<see cref="JavaRegex"/>). Follows Spark's Tokenizer.scala.
/// </summary>
public sealed class RegexTokenizer : StageDefinition
{
    private readonly Regex _regex;

    /// <exception cref="JavaRegexException">The pattern has no faithful .NET translation.</exception>
    internal RegexTokenizer(StageInfo info, string inputCol, string outputCol, string pattern, bool gaps, int minTokenLength, bool toLowercase)
        : base(info)
    {
        InputCol = inputCol;
        OutputCol = outputCol;
        Pattern = pattern;
        Gaps = gaps;
        MinTokenLength = minTokenLength;
        ToLowercase = toLowercase;
        _regex = JavaRegex.Compile(pattern);
    }

    public string InputCol { get; }

    public string OutputCol { get; }

    /// <summary>The Java regex as saved.</summary>
    public string Pattern { get; }

    public bool Gaps { get; }

    public int MinTokenLength { get; }

    public bool ToLowercase { get; }

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("pattern", Pattern),
        new("gaps", Gaps ? "true" : "false"),
        new("minTokenLength", MinTokenLength.ToString(CultureInfo.InvariantCulture)),
        new("toLowercase", ToLowercase ? "true" : "false"),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (MinTokenLength < 0)
            throw builder.Error(null, $"minTokenLength {MinTokenLength} is negative; Spark requires >= 0.");
        var input = builder.Read(InputCol, TypeSet.String, SparkType.String);
        var output = builder.AddColumn(OutputCol, SparkType.StringArray);
        builder.AddKernel(new RegexTokenizerKernel(input.Name, input.Slot, output.Slot, this), [input.Slot], [output.Slot]);
    }

    internal string[] Tokenize(string text)
    {
        string s = ToLowercase ? JavaLowerCase.ToLower(text) : text;
        var tokens = Gaps ? Split(_regex, s) : FindAll(_regex, s);
        if (MinTokenLength <= 1 && (MinTokenLength == 0 || Array.IndexOf(tokens, "") < 0))
            return tokens;
        int kept = 0;
        foreach (var t in tokens)
            if (t.Length >= MinTokenLength)
                kept++;
        var result = new string[kept];
        int k = 0;
        foreach (var t in tokens)
            if (t.Length >= MinTokenLength)
                result[k++] = t;
        return result;
    }

    /// <summary>
    /// Java's Pattern.split(input) (limit 0): substrings between matches; a zero-width match at
    /// index 0 gives no leading "", no match at all gives [input], trailing "" are removed.
    /// </summary>
    internal static string[] Split(Regex regex, string input)
    {
        var parts = new List<string>();
        int index = 0;
        bool matched = false;
        for (var m = regex.Match(input); m.Success; m = m.NextMatch())
        {
            if (index == 0 && m.Index == 0 && m.Length == 0)
                continue;
            parts.Add(input[index..m.Index]);
            index = m.Index + m.Length;
            matched = true;
        }
        if (!matched)
            return [input];
        parts.Add(input[index..]);
        int size = parts.Count;
        while (size > 0 && parts[size - 1].Length == 0)
            size--;
        return size == parts.Count ? parts.ToArray() : parts.GetRange(0, size).ToArray();
    }

    /// <summary>Scala's <c>findAllIn</c>: every successive match (an empty match advances by one char, as Java's find does).</summary>
    internal static string[] FindAll(Regex regex, string input)
    {
        var found = new List<string>();
        for (var m = regex.Match(input); m.Success; m = m.NextMatch())
            found.Add(m.Value);
        return found.ToArray();
    }

    private sealed class RegexTokenizerKernel(string inputName, int input, int output, RegexTokenizer stage)
        : TokenizingKernel(inputName, input, output)
    {
        protected override string?[] Tokenize(string text) => stage.Tokenize(text);
    }
}
