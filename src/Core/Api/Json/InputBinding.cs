using System.Runtime.CompilerServices;
using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Api;

/// <summary>
/// What reading and writing rows for one scoring plan needs, computed once per plan: the input
/// columns the plan reads, a case-insensitive name → input lookup usable with a span of the JSON
/// property name (no string per property), and the output names pre-encoded for the writer.
/// </summary>
internal sealed class InputBinding
{
    private static readonly ConditionalWeakTable<ScoringPlan, InputBinding> Bindings = new();

    private readonly Dictionary<string, int> _byName;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    private InputBinding(ScoringPlan plan)
    {
        Inputs = [.. plan.RequiredInputs];
        // Spark SQL resolves column names case-insensitively by default; so does a request.
        _byName = new Dictionary<string, int>(Inputs.Length, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < Inputs.Length; i++)
            _byName.TryAdd(Inputs[i].Name, i);
        _bySpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        Outputs = [.. plan.Outputs];
        OutputNames = Array.ConvertAll(Outputs, o => JsonEncodedText.Encode(o.Name));
        OutputNameList = Array.ConvertAll(Outputs, o => o.Name);
    }

    /// <summary>The raw columns the plan reads: each must be present in every row (null is a value).</summary>
    public InputColumn[] Inputs { get; }

    public ColumnInfo[] Outputs { get; }

    public JsonEncodedText[] OutputNames { get; }

    public string[] OutputNameList { get; }

    public static InputBinding For(ScoringPlan plan) => Bindings.GetValue(plan, static p => new InputBinding(p));

    /// <summary>Index into <see cref="Inputs"/> of the column named <paramref name="name"/>, or -1 (not read by this plan).</summary>
    public int IndexOf(ReadOnlySpan<char> name) => _bySpan.TryGetValue(name, out int index) ? index : -1;
}
