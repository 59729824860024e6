using Ember.Pipeline;

namespace Ember.Monitoring;

/// <summary>
/// Builds a model's training baseline: scores a sample of the training data (Parquet, CSV or
/// JSON Lines) with the default plan, profiling every input and the outputs exactly as serving
/// will. `ember pack --baseline &lt;file&gt;` calls this and stores the result in the manifest.
/// </summary>
public static class BaselineBuilder
{
    /// <summary>Enough rows for stable deciles and category shares; more only costs pack time.</summary>
    public const long DefaultMaxRows = 1_000_000;

    private const int BatchRows = 1024;
    private const int MaxProblems = 5;

    /// <exception cref="BaselineException">No row of the sample could be used; the message gives the first problems.</exception>
    /// <exception cref="FormatException">The sample's format or columns do not fit the model; the message names the file and column.</exception>
    public static BaselineResult Build(CompiledPipeline pipeline, string samplePath, long maxRows = DefaultMaxRows, TimeProvider? time = null)
    {
        var schema = ProfileSchema.Of(pipeline);
        var plan = pipeline.DefaultPlan;
        var binding = PlanBinding.Create(plan, pipeline, schema);
        var profiles = ProfileSet.Create(schema, null, ColumnProfile.BaselineLearnable);
        var inputs = plan.RequiredInputs;
        var columns = inputs.Select(i => new SampleColumn(i.Name, i.Type)).ToArray();

        var problems = new List<string>();
        long accepted = 0, rejected = 0;
        var frame = pipeline.CreateFrame(BatchRows);
        var batch = new List<object?[]>(BatchRows);
        void Flush()
        {
            var (ok, refused) = ScoreAndObserve(frame, batch, inputs, plan, binding, profiles, problems);
            accepted += ok;
            rejected += refused;
            batch.Clear();
        }
        foreach (var row in SampleFile.Read(samplePath, columns))
        {
            if (accepted + batch.Count >= maxRows)
                break;
            if (row.Problem is not null)
            {
                rejected++;
                Note(problems, row.Problem);
                continue;
            }
            batch.Add(row.Values);
            if (batch.Count == BatchRows)
                Flush();
        }
        if (batch.Count > 0)
            Flush();
        if (accepted == 0)
            throw new BaselineException($"no row of '{Path.GetFileName(samplePath)}' could be profiled"
                + (problems.Count > 0 ? ": " + string.Join("; ", problems) : " (it is empty)"));
        var baseline = new ModelBaseline(ModelBaseline.CurrentFormat, accepted, (time ?? TimeProvider.System).GetUtcNow(),
            Path.GetFileName(samplePath.TrimEnd('/', '\\')), rejected, profiles.InputData(), profiles.OutputData());
        return new BaselineResult(baseline, problems);
    }

    /// <summary>Scores a batch and profiles the rows the model accepts (the baseline describes what it scores).</summary>
    private static (long Accepted, long Rejected) ScoreAndObserve(Frame frame, List<object?[]> batch, IReadOnlyList<InputColumn> inputs,
        ScoringPlan plan, PlanBinding binding, ProfileSet profiles, List<string> problems)
    {
        int rows = batch.Count;
        frame.Reset(rows);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < inputs.Count; c++)
            {
                if (FrameValues.TrySet(frame.Columns[inputs[c].Slot], r, batch[r][c]) is { } problem)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.WrongType, inputs[c].Name, "baseline", problem));
                    break;
                }
            }
        }
        plan.Execute(frame);
        var states = frame.AllOk ? null : frame.States;
        long rejected = 0;
        if (states is not null)
        {
            for (int r = 0; r < rows; r++)
            {
                if (states[r] == RowState.Ok)
                    continue;
                rejected++;
                if (frame.Errors[r] is { } error)
                    Note(problems, $"row {r + 1} of a batch: {error}");
            }
        }
        for (int i = 0; i < binding.InputProfiles.Length; i++)
            profiles.Inputs[binding.InputProfiles[i]].Observe(frame.Columns[binding.InputSlots[i]], rows, states);
        for (int i = 0; i < binding.OutputProfiles.Length; i++)
            profiles.Outputs[binding.OutputProfiles[i]].Observe(frame.Columns[binding.OutputSlots[i]], rows, states);
        return (rows - rejected, rejected);
    }

    private static void Note(List<string> problems, string problem)
    {
        if (problems.Count < MaxProblems)
            problems.Add(problem);
    }
}

/// <summary>The baseline and the first problems met (rows left out, with line and column).</summary>
public sealed record BaselineResult(ModelBaseline Baseline, IReadOnlyList<string> Problems);

/// <summary>The sample cannot give a baseline at all.</summary>
public sealed class BaselineException(string message) : Exception(message);
