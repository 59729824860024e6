namespace Ember.Infra.Tests.Bicep;

internal sealed record BicepParameter(string Name, string Type, bool HasDefault, string? Description, int Line);

internal sealed record BicepOutput(string Name, string Type, string? Description, IReadOnlyList<BicepToken> Value, int Line);

/// <summary>One { name: '...', value: ... } entry of siteConfig.appSettings.</summary>
internal sealed record BicepAppSetting(string Name, IReadOnlyList<BicepToken> Value, int Line);

/// <summary>
/// What the tests need from a .bicep file, read without the Bicep compiler: parameters (with
/// their @description), variables, outputs, and the app settings of the function app, following
/// variable references such as concat(coreAppSettings, preloadAppSettings).
/// </summary>
internal sealed class BicepTemplate
{
    private readonly List<BicepToken> _tokens;
    private readonly Dictionary<string, (int Start, int End)> _variables = new(StringComparer.Ordinal);

    private BicepTemplate(List<BicepToken> tokens)
    {
        _tokens = tokens;
        ReadDeclarations();
    }

    public List<BicepParameter> Parameters { get; } = [];

    public List<BicepOutput> Outputs { get; } = [];

    public IReadOnlyCollection<string> VariableNames => _variables.Keys;

    public IReadOnlyList<BicepToken> Tokens => _tokens;

    public static BicepTemplate Parse(string text) => new(BicepLexer.Tokenize(text));

    public static BicepTemplate Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>The expression a variable is declared with.</summary>
    public IReadOnlyList<BicepToken> Variable(string name) =>
        _variables.TryGetValue(name, out var range)
            ? _tokens.GetRange(range.Start, range.End - range.Start)
            : throw new KeyNotFoundException($"The template declares no variable '{name}'.");

    /// <summary>The value expressions of every object property with this name, anywhere in the template.</summary>
    public List<IReadOnlyList<BicepToken>> PropertyValues(string property)
    {
        var values = new List<IReadOnlyList<BicepToken>>();
        for (int i = 0; i + 1 < _tokens.Count; i++)
        {
            if (!_tokens[i].IsIdentifier(property) || !_tokens[i + 1].IsSymbol(':')) continue;
            if (i > 0 && _tokens[i - 1].IsSymbol('.')) continue; // a.property: is not a key
            int end = ExpressionEnd(i + 2);
            values.Add(_tokens.GetRange(i + 2, end - (i + 2)));
        }
        return values;
    }

    /// <summary>The single string literal a property is set to, e.g. sku.tier or runtime.name.</summary>
    public List<string?> PropertyStrings(string property) =>
        [.. PropertyValues(property).Select(v => v.Count == 1 && v[0].Kind == BicepTokenKind.String ? v[0].Text : null)];

    /// <summary>The function app's settings: every object with a literal name: in the appSettings expression.</summary>
    public List<BicepAppSetting> AppSettings()
    {
        var values = PropertyValues("appSettings");
        if (values.Count != 1)
            throw new FormatException($"Expected exactly one appSettings property in the template, found {values.Count}.");
        var settings = new List<BicepAppSetting>();
        CollectSettings(values[0], settings, new HashSet<string>(StringComparer.Ordinal));
        return settings;
    }

    private void CollectSettings(IReadOnlyList<BicepToken> expression, List<BicepAppSetting> settings, HashSet<string> followed)
    {
        for (int i = 0; i < expression.Count; i++)
        {
            var token = expression[i];
            if (token.IsSymbol('{'))
            {
                int end = Matching(expression, i);
                settings.Add(ReadSetting(expression, i, end));
                i = end;
            }
            else if (token.Kind == BicepTokenKind.Identifier && _variables.ContainsKey(token.Text!)
                     && (i == 0 || !expression[i - 1].IsSymbol('.')) && followed.Add(token.Text!))
            {
                CollectSettings(Variable(token.Text!), settings, followed);
            }
        }
    }

    /// <summary>Reads the name and value properties at the top level of one object literal.</summary>
    private static BicepAppSetting ReadSetting(IReadOnlyList<BicepToken> tokens, int open, int close)
    {
        string? name = null;
        IReadOnlyList<BicepToken>? value = null;
        int depth = 0;
        for (int i = open + 1; i < close; i++)
        {
            var t = tokens[i];
            if (t.Opens) depth++;
            else if (t.Closes) depth--;
            else if (depth == 0 && t.Kind == BicepTokenKind.Identifier && i + 1 < close && tokens[i + 1].IsSymbol(':'))
            {
                int start = i + 2, end = start;
                int d = 0;
                for (; end < close; end++)
                {
                    if (tokens[end].Opens) d++;
                    else if (tokens[end].Closes) d--;
                    else if (d == 0 && (tokens[end].Kind == BicepTokenKind.Newline || tokens[end].IsSymbol(','))) break;
                }
                var expression = tokens.Skip(start).Take(end - start).ToList();
                if (t.Text == "name")
                {
                    if (expression.Count != 1 || expression[0].Kind != BicepTokenKind.String || expression[0].Text is null)
                        throw new FormatException($"Bicep line {t.Line}: an app setting's name must be a plain string literal so that it can be checked.");
                    name = expression[0].Text;
                }
                else if (t.Text == "value")
                {
                    value = expression;
                }
                i = end - 1;
            }
        }
        int line = tokens[open].Line;
        if (name is null) throw new FormatException($"Bicep line {line}: an appSettings entry has no name.");
        if (value is null || value.Count == 0) throw new FormatException($"Bicep line {line}: app setting '{name}' has no value.");
        return new BicepAppSetting(name, value, line);
    }

    private void ReadDeclarations()
    {
        int depth = 0;
        var decorators = new List<(string Name, List<BicepToken> Args)>();
        for (int i = 0; i < _tokens.Count; i++)
        {
            var t = _tokens[i];
            if (t.Opens) { depth++; continue; }
            if (t.Closes) { depth--; continue; }
            if (depth != 0 || (i > 0 && _tokens[i - 1].Kind != BicepTokenKind.Newline)) continue;

            if (t.IsSymbol('@') && Next(i, BicepTokenKind.Identifier) is { } decorator)
            {
                var args = new List<BicepToken>();
                if (i + 2 < _tokens.Count && _tokens[i + 2].IsSymbol('('))
                {
                    int close = Matching(_tokens, i + 2);
                    args = _tokens.GetRange(i + 3, close - (i + 3));
                    i = close;
                }
                decorators.Add((decorator, args));
                continue;
            }
            if (t.IsIdentifier("param") || t.IsIdentifier("output"))
            {
                string name = Next(i, BicepTokenKind.Identifier) ?? throw new FormatException($"Bicep line {t.Line}: {t.Text} without a name.");
                string type = i + 2 < _tokens.Count && _tokens[i + 2].Kind == BicepTokenKind.Identifier
                    ? _tokens[i + 2].Text!
                    : throw new FormatException($"Bicep line {t.Line}: {t.Text} '{name}' has no simple type.");
                bool hasValue = i + 3 < _tokens.Count && _tokens[i + 3].IsSymbol('=');
                int end = hasValue ? ExpressionEnd(i + 4) : i + 3;
                string? description = Description(decorators);
                if (t.IsIdentifier("param"))
                    Parameters.Add(new BicepParameter(name, type, hasValue, description, t.Line));
                else if (hasValue)
                    Outputs.Add(new BicepOutput(name, type, description, _tokens.GetRange(i + 4, end - (i + 4)), t.Line));
                else
                    throw new FormatException($"Bicep line {t.Line}: output '{name}' has no value.");
                decorators.Clear();
                i = end - 1;
                continue;
            }
            if (t.IsIdentifier("var"))
            {
                string name = Next(i, BicepTokenKind.Identifier) ?? throw new FormatException($"Bicep line {t.Line}: var without a name.");
                if (i + 2 >= _tokens.Count || !_tokens[i + 2].IsSymbol('='))
                    throw new FormatException($"Bicep line {t.Line}: var '{name}' has no '='.");
                int end = ExpressionEnd(i + 3);
                _variables[name] = (i + 3, end);
                i = end - 1;
            }
            if (t.Kind != BicepTokenKind.Newline) decorators.Clear();
        }
        if (depth != 0) throw new FormatException($"Unbalanced brackets in the template (depth {depth} at the end).");
    }

    private static string? Description(List<(string Name, List<BicepToken> Args)> decorators)
    {
        foreach (var (name, args) in decorators)
            if (name == "description" && args.Count == 1 && args[0].Kind == BicepTokenKind.String)
                return args[0].Text;
        return null;
    }

    private string? Next(int i, BicepTokenKind kind) =>
        i + 1 < _tokens.Count && _tokens[i + 1].Kind == kind ? _tokens[i + 1].Text : null;

    /// <summary>An expression ends at a newline or comma outside brackets, or at the bracket closing its container.</summary>
    private int ExpressionEnd(int start)
    {
        int depth = 0, i = start;
        for (; i < _tokens.Count; i++)
        {
            var t = _tokens[i];
            if (t.Opens) depth++;
            else if (t.Closes)
            {
                if (depth == 0) break;
                depth--;
            }
            else if (depth == 0 && (t.Kind == BicepTokenKind.Newline || t.IsSymbol(','))) break;
        }
        return i;
    }

    private static int Matching(IReadOnlyList<BicepToken> tokens, int open)
    {
        int depth = 0;
        for (int i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Opens) depth++;
            else if (tokens[i].Closes && --depth == 0) return i;
        }
        throw new FormatException($"Bicep line {tokens[open].Line}: '{tokens[open].Text}' is never closed.");
    }
}
