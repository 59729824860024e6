namespace Ember.Pipeline;

/// <summary>
/// The shared loop of Tokenizer and RegexTokenizer (Spark UnaryTransformer[String, Seq[String]]):
/// string in, token array out; a null string fails the row, as Spark's UDF throws on it.
/// </summary>
internal abstract class TokenizingKernel(string inputName, int input, int output) : Kernel
{
    public override void Execute(Frame frame)
    {
        var src = frame.Column<StringColumn>(input);
        var dst = frame.Column<StringArrayColumn>(output);
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r))
                continue;
            if (src.Values[r] is not { } text)
            {
                frame.Fail(r, new ScoreError(ErrorCode.NullValue, inputName, Stage,
                    "null value; a tokenizer cannot split null (Spark throws a NullPointerException). Send a string (\"\" gives [\"\"]).", "null"));
                continue;
            }
            try
            {
                dst.Set(r, Tokenize(text));
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                frame.Fail(r, new ScoreError(ErrorCode.InvalidValue, inputName, Stage,
                    "the tokenizer's regex took too long on this value (catastrophic backtracking); refused.", Preview(text)));
            }
        }
    }

    protected abstract string?[] Tokenize(string text);

    private static string Preview(string s) => s.Length <= 60 ? s : s[..60] + "...";
}
