using Ember.Pipeline;

namespace Ember.Monitoring;

/// <summary>
/// Which profile reads which frame slot for one scoring plan, resolved once per plan: inputs the
/// plan needs (others may hold stale values in a pooled frame) and outputs it computes, as one
/// flat array of <see cref="BoundColumn"/>s so observing a frame is a loop with a switch on a
/// byte per column.
/// </summary>
internal sealed class PlanBinding
{
    private PlanBinding(ScoringPlan plan, int[] inputProfiles, int[] inputSlots, int[] outputProfiles, int[] outputSlots, BoundColumn[] columns)
    {
        Plan = plan;
        InputProfiles = inputProfiles;
        InputSlots = inputSlots;
        OutputProfiles = outputProfiles;
        OutputSlots = outputSlots;
        Columns = columns;
    }

    public ScoringPlan Plan { get; }

    public int[] InputProfiles { get; }

    public int[] InputSlots { get; }

    public int[] OutputProfiles { get; }

    public int[] OutputSlots { get; }

    /// <summary>Inputs then outputs, each with how it is observed.</summary>
    public BoundColumn[] Columns { get; }

    /// <param name="knownInputs">
    /// Per input profile, the categories every window's profile starts with (see
    /// <see cref="ColumnProfile.KnownCategories"/>), for counting StringIndexer outputs by index;
    /// null to look every string up.
    /// </param>
    public static PlanBinding Create(ScoringPlan plan, CompiledPipeline pipeline, ProfileSchema schema, CategoryAccumulator?[]? knownInputs = null)
    {
        var inputProfiles = new List<int>();
        var inputSlots = new List<int>();
        for (int p = 0; p < schema.Inputs.Count; p++)
        {
            foreach (var input in plan.RequiredInputs)
            {
                if (!string.Equals(input.Name, schema.Inputs[p].Name, StringComparison.OrdinalIgnoreCase))
                    continue;
                inputProfiles.Add(p);
                inputSlots.Add(input.Slot);
                break;
            }
        }
        var outputProfiles = new List<int>();
        var outputSlots = new List<int>();
        for (int p = 0; p < schema.Outputs.Count; p++)
        {
            foreach (var output in plan.Outputs)
            {
                if (!string.Equals(output.Name, schema.Outputs[p].Name, StringComparison.OrdinalIgnoreCase) || output.Slot >= pipeline.SlotTypes.Count)
                    continue;
                outputProfiles.Add(p);
                outputSlots.Add(output.Slot);
                break;
            }
        }
        var columns = new BoundColumn[inputProfiles.Count + outputProfiles.Count];
        for (int i = 0; i < inputProfiles.Count; i++)
            columns[i] = BindInput(plan, pipeline, schema.Inputs[inputProfiles[i]], inputProfiles[i], inputSlots[i], knownInputs?[inputProfiles[i]]);
        for (int i = 0; i < outputProfiles.Count; i++)
        {
            int slot = outputSlots[i];
            columns[inputProfiles.Count + i] = new BoundColumn(outputProfiles[i], true, slot, BoundColumn.KindFor(schema.Outputs[outputProfiles[i]], pipeline.SlotTypes[slot]));
        }
        return new PlanBinding(plan, inputProfiles.ToArray(), inputSlots.ToArray(), outputProfiles.ToArray(), outputSlots.ToArray(), columns);
    }

    private static BoundColumn BindInput(ScoringPlan plan, CompiledPipeline pipeline, ColumnSpec spec, int profile, int slot, CategoryAccumulator? known)
    {
        var kind = slot < pipeline.SlotTypes.Count ? BoundColumn.KindFor(spec, pipeline.SlotTypes[slot]) : ObserveKind.Generic;
        if (kind != ObserveKind.Strings || known is null || known.KnownCount == 0
            || !plan.TryFindStringIndex(slot, out int indexSlot, out var labels) || pipeline.SlotTypes[indexSlot].Kind != SparkTypeKind.Double)
            return new BoundColumn(profile, false, slot, kind);
        var knownOfLabel = new int[labels.Count];
        bool any = false;
        for (int i = 0; i < knownOfLabel.Length; i++)
        {
            knownOfLabel[i] = known.KnownIndexOf(labels[i]);
            any |= knownOfLabel[i] >= 0;
        }
        return any ? new BoundColumn(profile, false, slot, ObserveKind.IndexedStrings, indexSlot, knownOfLabel) : new BoundColumn(profile, false, slot, kind);
    }

    /// <summary>
    /// Profiles a scored frame: inputs over all its rows, outputs over the rows that are Ok
    /// (<paramref name="states"/> null when all are).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Observe(ProfileSet profiles, Frame frame, int rows, RowState[]? states)
    {
        if (rows == 1)
            ObserveRow(profiles, frame, states is null || states[0] == RowState.Ok);
        else
            ObserveRows(profiles, frame, rows, states);
    }

    private void ObserveRows(ProfileSet profiles, Frame frame, int rows, RowState[]? states)
    {
        var frameColumns = frame.Columns;
        var inputs = profiles.Inputs;
        var outputs = profiles.Outputs;
        foreach (ref readonly var bound in Columns.AsSpan())
        {
            var profile = bound.Output ? outputs[bound.Profile] : inputs[bound.Profile];
            var column = frameColumns[bound.Slot];
            // Inputs are counted on every row; outputs only where a prediction was made.
            var skip = bound.Output ? states : null;
            switch (bound.Kind)
            {
                case ObserveKind.Doubles when column is DoubleColumn d:
                    profile.ObserveNumbers(d.Values, d.Nulls, rows, skip);
                    break;
                case ObserveKind.Longs when column is LongColumn l:
                    profile.ObserveNumbers(l.Values, l.Nulls, rows, skip);
                    break;
                case ObserveKind.Classes when column is DoubleColumn d:
                    profile.ObserveClasses(d.Values, d.Nulls, rows, skip);
                    break;
                case ObserveKind.Booleans when column is BooleanColumn b:
                    profile.ObserveBooleans(b.Values, b.Nulls, rows, skip);
                    break;
                case ObserveKind.Strings when column is StringColumn s:
                    profile.ObserveStrings(s.Values, s.Nulls, rows, skip);
                    break;
                case ObserveKind.IndexedStrings when column is StringColumn s && frameColumns[bound.IndexSlot] is DoubleColumn index && !bound.Output:
                    profile.ObserveIndexedStrings(s.Values, s.Nulls, rows, index.Values, bound.KnownOfLabel!, states);
                    break;
                case ObserveKind.Vectors or ObserveKind.Probability when column is VectorColumn v:
                    profile.ObserveVectors(v, v.Nulls, rows, skip);
                    break;
                default:
                    profile.Observe(column, rows, skip);
                    break;
            }
        }
    }

    /// <summary>
    /// <see cref="Observe"/> for a frame of one row (most requests): one value per column, no
    /// loop to set up per column.
    /// </summary>
    private void ObserveRow(ProfileSet profiles, Frame frame, bool rowOk)
    {
        var frameColumns = frame.Columns;
        var inputs = profiles.Inputs;
        var outputs = profiles.Outputs;
        foreach (ref readonly var bound in Columns.AsSpan())
        {
            ColumnProfile profile;
            if (bound.Output)
            {
                if (!rowOk)
                    continue; // not a prediction
                profile = outputs[bound.Profile];
            }
            else
            {
                profile = inputs[bound.Profile];
            }
            var column = frameColumns[bound.Slot];
            bool isNull = column.Nulls[0];
            switch (bound.Kind)
            {
                case ObserveKind.Doubles when column is DoubleColumn d:
                    profile.ObserveNumber(d.Values[0], isNull);
                    break;
                case ObserveKind.Longs when column is LongColumn l:
                    profile.ObserveNumber(l.Values[0], isNull);
                    break;
                case ObserveKind.Classes when column is DoubleColumn d:
                    profile.ObserveClass(d.Values[0], isNull);
                    break;
                case ObserveKind.Booleans when column is BooleanColumn b:
                    profile.ObserveBoolean(b.Values[0], isNull);
                    break;
                case ObserveKind.Strings when column is StringColumn s:
                    profile.ObserveString(s.Values[0], isNull);
                    break;
                case ObserveKind.IndexedStrings when column is StringColumn s && frameColumns[bound.IndexSlot] is DoubleColumn index:
                    profile.ObserveIndexedString(s.Values[0], isNull, rowOk, index.Values[0], bound.KnownOfLabel!);
                    break;
                case ObserveKind.Probability when column is VectorColumn v:
                    profile.ObserveProbability(v, 0, isNull);
                    break;
                default:
                    profile.Observe(column, 1, null); // outputs reach here only when the row is Ok
                    break;
            }
        }
    }
}
