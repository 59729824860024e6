namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.StopWordsRemover (params only): drops the tokens found in
/// stopWords. Case-sensitive: exact match. Otherwise stop words and tokens are lowercased with
/// Java's <c>toLowerCase(new Locale(locale))</c> (2.4+; before, the JVM default locale) and
/// compared. Null tokens are kept, order is kept, a null array fails the row. 3.0+ also takes
/// inputCols/outputCols (one kernel per pair). Follows Spark's StopWordsRemover.scala.
/// </summary>
public sealed class StopWordsRemover(
    StageInfo info,
    IReadOnlyList<string> inputCols,
    IReadOnlyList<string> outputCols,
    IReadOnlyList<string> stopWords,
    bool caseSensitive,
    string locale) : StageDefinition(info)
{
    public IReadOnlyList<string> InputCols { get; } = inputCols;

    public IReadOnlyList<string> OutputCols { get; } = outputCols;

    public IReadOnlyList<string> StopWords { get; } = stopWords;

    public bool CaseSensitive { get; } = caseSensitive;

    /// <summary>The locale param as saved ("en_US"); only "tr", "az" and "lt" change Java's lowercasing.</summary>
    public string Locale { get; } = locale;

    public override long EstimatedBytes => 256 + StopWords.Sum(w => 32L + 2 * w.Length);

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCols", string.Join(",", InputCols)),
        new("outputCols", string.Join(",", OutputCols)),
        new("stopWords", $"{StopWords.Count} words"),
        new("caseSensitive", CaseSensitive ? "true" : "false"),
        new("locale", Locale),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (InputCols.Count == 0 || InputCols.Count != OutputCols.Count)
            throw builder.Error(null, $"has {InputCols.Count} input and {OutputCols.Count} output columns; Spark needs the same non-zero number.");
        var rules = JavaLowerCase.RulesForLocaleParam(Locale);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in StopWords)
            set.Add(CaseSensitive ? w : JavaLowerCase.ToLower(w, rules));
        for (int i = 0; i < InputCols.Count; i++)
        {
            var input = builder.Read(InputCols[i], TypeSet.StringArray, SparkType.StringArray);
            var output = builder.AddColumn(OutputCols[i], SparkType.StringArray, nullable: input.Nullable);
            builder.AddKernel(new StopWordsKernel(input.Name, input.Slot, output.Slot, set, CaseSensitive, rules), [input.Slot], [output.Slot]);
        }
    }

    private sealed class StopWordsKernel(string inputName, int input, int output, HashSet<string> stopWords, bool caseSensitive, JavaCaseRules rules) : Kernel
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
                        "null token array; StopWordsRemover cannot filter null (Spark throws). Send an array ([] is fine).", "null"));
                    continue;
                }
                int kept = 0;
                foreach (var t in tokens)
                    if (!IsStopWord(t))
                        kept++;
                if (kept == tokens.Length)
                {
                    dst.Set(r, tokens); // arrays are never mutated downstream
                    continue;
                }
                var result = new string?[kept];
                int k = 0;
                foreach (var t in tokens)
                    if (!IsStopWord(t))
                        result[k++] = t;
                dst.Set(r, result);
            }
        }

        private bool IsStopWord(string? token) =>
            token is not null && stopWords.Contains(caseSensitive ? token : JavaLowerCase.ToLower(token, rules));
    }
}
