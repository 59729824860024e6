using Ember.Pipeline;

namespace Ember.Monitoring;

/// <summary>
/// Which profile reads which frame slot for one scoring plan, resolved once per plan: inputs the
/// plan needs (others may hold stale values in a pooled frame) and outputs it computes.
/// </summary>
internal sealed class PlanBinding
{
    private PlanBinding(ScoringPlan plan, int[] inputProfiles, int[] inputSlots, int[] outputProfiles, int[] outputSlots)
    {
        Plan = plan;
        InputProfiles = inputProfiles;
        InputSlots = inputSlots;
        OutputProfiles = outputProfiles;
        OutputSlots = outputSlots;
    }

    public ScoringPlan Plan { get; }

    public int[] InputProfiles { get; }

    public int[] InputSlots { get; }

    public int[] OutputProfiles { get; }

    public int[] OutputSlots { get; }

    public static PlanBinding Create(ScoringPlan plan, CompiledPipeline pipeline, ProfileSchema schema)
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
        return new PlanBinding(plan, inputProfiles.ToArray(), inputSlots.ToArray(), outputProfiles.ToArray(), outputSlots.ToArray());
    }
}
