namespace Ember.Infra.Tests.Bicep;

internal enum BicepTokenKind
{
    Identifier,
    /// <summary>A string; <see cref="BicepToken.Text"/> is its value when it has no ${...} interpolation.</summary>
    String,
    Number,
    /// <summary>One punctuation character: { } [ ] ( ) : , . = ? ! @ and the like.</summary>
    Symbol,
    Newline,
}

/// <param name="Text">Identifier or number text, the symbol, or a string's value (null when interpolated).</param>
/// <param name="Line">1-based line, for error messages.</param>
internal readonly record struct BicepToken(BicepTokenKind Kind, string? Text, int Line)
{
    /// <summary>For an interpolated string: its source text, quotes included.</summary>
    public string? Raw { get; init; }

    /// <summary>For an interpolated string: the tokens of its ${...} expressions, in order.</summary>
    public IReadOnlyList<BicepToken> Interpolations { get; init; } = [];

    /// <summary>This token, then every token inside its interpolations (recursively).</summary>
    public IEnumerable<BicepToken> SelfAndNested()
    {
        yield return this;
        foreach (var inner in Interpolations)
            foreach (var t in inner.SelfAndNested())
                yield return t;
    }

    public bool IsSymbol(char c) => Kind == BicepTokenKind.Symbol && Text is { Length: 1 } t && t[0] == c;

    public bool IsIdentifier(string name) => Kind == BicepTokenKind.Identifier && Text == name;

    public bool Opens => IsSymbol('{') || IsSymbol('[') || IsSymbol('(');

    public bool Closes => IsSymbol('}') || IsSymbol(']') || IsSymbol(')');

    public override string ToString() => Kind switch
    {
        BicepTokenKind.String => Text is null ? Raw ?? "'<interpolated>'" : $"'{Text}'",
        BicepTokenKind.Newline => "\\n",
        _ => Text ?? "",
    };
}
