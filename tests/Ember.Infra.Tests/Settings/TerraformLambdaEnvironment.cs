using System.Text.RegularExpressions;

namespace Ember.Infra.Tests.Settings;

/// <summary>
/// Reads the names of the Lambda environment variables from infra/terraform/locals.tf without
/// running Terraform: the keys of every object literal inside `lambda_environment = merge(...)`.
/// The scan skips "..." strings (and their ${...}) and # and // comments, so a parenthesis or a
/// `NAME =` inside them is never taken for structure.
/// </summary>
internal static partial class TerraformLambdaEnvironment
{
    public const string LocalName = "lambda_environment";

    public static string LocalsFile => Path.Combine(Tools.Terraform.ModuleDirectory, "locals.tf");

    public static IReadOnlyList<string> Names() => Names(File.ReadAllText(LocalsFile));

    public static IReadOnlyList<string> Names(string hcl)
    {
        string code = Blank(hcl);
        var start = StartPattern().Match(code);
        if (!start.Success)
            throw new FormatException($"locals.tf must define `{LocalName} = merge(` (or `= {{`) so the settings check can read it.");
        int open = start.Index + start.Length - 1;
        int close = Matching(code, open);
        var quoted = QuotedKeyPattern().Match(hcl[(open + 1)..close]);
        if (quoted.Success)
            throw new FormatException($"`{LocalName}` in locals.tf has a quoted key ({quoted.Value.Trim()}); write setting names as bare keys so they can be checked.");
        var names = new List<string>();
        foreach (Match key in KeyPattern().Matches(code[(open + 1)..close]))
            names.Add(key.Groups["name"].Value);
        if (names.Count == 0)
            throw new FormatException($"`{LocalName}` in locals.tf has no keys.");
        return names;
    }

    /// <summary>Replaces comment and string contents with spaces, keeping offsets and line breaks.</summary>
    private static string Blank(string hcl)
    {
        var chars = hcl.ToCharArray();
        int i = 0;
        while (i < chars.Length)
        {
            char c = chars[i];
            if (c == '#' || (c == '/' && i + 1 < chars.Length && chars[i + 1] == '/'))
            {
                while (i < chars.Length && chars[i] != '\n') chars[i++] = ' ';
            }
            else if (c == '"')
            {
                i++;
                int interpolation = 0;
                while (i < chars.Length && (chars[i] != '"' || interpolation > 0))
                {
                    if (chars[i] == '\\') { chars[i++] = ' '; }
                    else if (chars[i] == '$' && i + 1 < chars.Length && chars[i + 1] == '{') { interpolation++; chars[i++] = ' '; }
                    else if (chars[i] == '}' && interpolation > 0) interpolation--;
                    if (i < chars.Length && chars[i] != '\n') chars[i] = ' ';
                    i++;
                }
                i++; // closing quote
            }
            else
            {
                i++;
            }
        }
        return new string(chars);
    }

    private static int Matching(string code, int open)
    {
        char opening = code[open], closing = opening == '(' ? ')' : '}';
        int depth = 0;
        for (int i = open; i < code.Length; i++)
        {
            if (code[i] == opening) depth++;
            else if (code[i] == closing && --depth == 0) return i;
        }
        throw new FormatException($"`{LocalName}` in locals.tf is not closed.");
    }

    [GeneratedRegex(@"\blambda_environment\s*=\s*(merge\s*\(|\{)")]
    private static partial Regex StartPattern();

    // A key at the start of a line (quoted keys were blanked, so only bare identifiers remain).
    [GeneratedRegex(@"^\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)", RegexOptions.Multiline)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^\s*""[^""\n]*""\s*=(?!=)", RegexOptions.Multiline)]
    private static partial Regex QuotedKeyPattern();
}
