namespace Ember.Pipeline;

/// <summary>The per-row work of <see cref="StringIndexerModel"/>: one lookup per value, no string built for numbers.</summary>
internal sealed class StringIndexerKernel(StringIndexerKernel.IndexedColumn[] columns, InvalidHandling mode) : Kernel
{
    public override void Execute(Frame frame)
    {
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r) || (mode == InvalidHandling.Skip && !KeepRow(frame, r)))
                continue;
            foreach (var c in columns)
            {
                var input = frame.Columns[c.InputSlot];
                var output = frame.Column<DoubleColumn>(c.OutputSlot);
                if (input.IsNull(r))
                {
                    if (mode != InvalidHandling.Keep)
                    {
                        frame.Fail(r, new ScoreError(ErrorCode.NullValue, c.Name, Stage,
                            "null value; StringIndexer with handleInvalid = error refuses nulls (use keep or skip, or send a value)."));
                        break;
                    }
                    output.Set(r, c.Lookup.Count);
                    continue;
                }
                int index = c.Lookup.Find(input, r);
                if (index < 0)
                {
                    if (mode != InvalidHandling.Keep)
                    {
                        frame.Fail(r, new ScoreError(ErrorCode.UnseenValue, c.Name, Stage,
                            $"unseen label: the model knows {c.Lookup.Count} labels and this is not one of them (handleInvalid = keep or skip would accept it).",
                            InvalidHandlingParser.Shown(LabelLookup.Render(input, r))));
                        break;
                    }
                    index = c.Lookup.Count;
                }
                output.Set(r, index);
            }
        }
    }

    /// <summary>The index output of the column read from <paramref name="inputSlot"/> when it is looked up as a string.</summary>
    public bool TryFindStringColumn(int inputSlot, out int outputSlot, out IReadOnlyList<string> labels)
    {
        foreach (var c in columns)
        {
            if (c.InputSlot == inputSlot && c.Lookup.StringLabels is { } strings)
            {
                (outputSlot, labels) = (c.OutputSlot, strings);
                return true;
            }
        }
        (outputSlot, labels) = (-1, []);
        return false;
    }

    /// <summary>Spark's skip: na.drop over the input columns (null, or NaN in float/double), then every label known.</summary>
    private bool KeepRow(Frame frame, int r)
    {
        foreach (var c in columns)
        {
            var input = frame.Columns[c.InputSlot];
            string? reason = input.IsNull(r) ? "null value dropped by handleInvalid = skip."
                : input is DoubleColumn d && double.IsNaN(d.Values[r]) ? "NaN value dropped by handleInvalid = skip."
                : c.Lookup.Find(input, r) < 0 ? "unseen label dropped by handleInvalid = skip."
                : null;
            if (reason is not null)
            {
                frame.Skip(r, new ScoreError(ErrorCode.Skipped, c.Name, Stage, reason,
                    input.IsNull(r) ? null : InvalidHandlingParser.Shown(LabelLookup.Render(input, r))));
                return false;
            }
        }
        return true;
    }

    internal sealed record IndexedColumn(string Name, int InputSlot, int OutputSlot, LabelLookup Lookup);
}

/// <summary>
/// Label → index for one input column, keyed by what CAST(value AS STRING) would produce: strings
/// directly, numbers by the value whose Java rendering equals the label. A label that appears
/// twice maps to its last position, as Spark's OpenHashMap built in order does.
/// </summary>
internal sealed class LabelLookup
{
    private readonly Dictionary<string, int>? _strings;
    private readonly Dictionary<long, int>? _numbers;
    private readonly SparkTypeKind _kind;

    private LabelLookup(int count, SparkTypeKind kind, Dictionary<string, int>? strings, Dictionary<long, int>? numbers, IReadOnlyList<string>? stringLabels = null)
    {
        Count = count;
        StringLabels = stringLabels;
        _kind = kind;
        _strings = strings;
        _numbers = numbers;
    }

    /// <summary>Number of labels (the index keep gives to invalid values).</summary>
    public int Count { get; }

    /// <summary>The labels by index when values are looked up as strings (a string input column); null for numbers.</summary>
    public IReadOnlyList<string>? StringLabels { get; }

    public static LabelLookup Create(IReadOnlyList<string> labels, SparkType inputType)
    {
        if (inputType == SparkType.String)
        {
            var strings = new Dictionary<string, int>(labels.Count, StringComparer.Ordinal);
            for (int i = 0; i < labels.Count; i++)
                strings[labels[i]] = i;
            return new LabelLookup(labels.Count, SparkTypeKind.String, strings, null, labels);
        }
        var numbers = new Dictionary<long, int>();
        for (int i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            if (inputType.IsIntegral && JavaNumberFormat.TryParseJavaLong(label, out long l))
                numbers[l] = i;
            else if (inputType == SparkType.Float && JavaNumberFormat.TryParseJavaFloat(label, out float f))
                numbers[FloatKey(f)] = i;
            else if (inputType == SparkType.Double && JavaNumberFormat.TryParseJavaDouble(label, out double d))
                numbers[DoubleKey(d)] = i;
        }
        return new LabelLookup(labels.Count, inputType.Kind, null, numbers);
    }

    /// <summary>The label's index for the (non-null) value in <paramref name="row"/>, or -1 when unseen.</summary>
    public int Find(Column column, int row)
    {
        int index;
        bool found = column switch
        {
            StringColumn s => _strings!.TryGetValue(s.Values[row]!, out index),
            LongColumn l => _numbers!.TryGetValue(l.Values[row], out index),
            DoubleColumn d when _kind == SparkTypeKind.Float => _numbers!.TryGetValue(FloatKey((float)d.Values[row]), out index),
            DoubleColumn d => _numbers!.TryGetValue(DoubleKey(d.Values[row]), out index),
            _ => Unseen(out index),
        };
        return found ? index : -1;
    }

    /// <summary>The string Spark would have looked up (only built for error messages).</summary>
    public static string Render(Column column, int row) => column switch
    {
        StringColumn s => s.Values[row] ?? "null",
        LongColumn l => JavaNumberFormat.FormatLong(l.Values[row]),
        DoubleColumn d when d.Type == SparkType.Float => JavaNumberFormat.FormatFloat((float)d.Values[row]),
        DoubleColumn d => JavaNumberFormat.FormatDouble(d.Values[row]),
        _ => "?",
    };

    // Bits, not numeric equality: "-0.0" and "0.0" are different labels. NaN is canonical, as Java prints every NaN "NaN".
    private static long DoubleKey(double d) => double.IsNaN(d) ? BitConverter.DoubleToInt64Bits(double.NaN) : BitConverter.DoubleToInt64Bits(d);

    private static long FloatKey(float f) => float.IsNaN(f) ? BitConverter.SingleToInt32Bits(float.NaN) : BitConverter.SingleToInt32Bits(f);

    private static bool Unseen(out int index)
    {
        index = -1;
        return false;
    }
}
