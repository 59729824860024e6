using Ember.Pipeline;

namespace Ember.Batch;

/// <summary>Running counts of a job and the first few row errors, for the summary.</summary>
internal sealed class RowCounters
{
    public const int MaxSamples = 10;

    private readonly List<BatchRowError> _errors = [];

    public long Read { get; set; }
    public long Written { get; set; }
    public long Skipped { get; set; }
    public long Failed { get; set; }
    public IReadOnlyList<BatchRowError> Errors => _errors;

    public void Sample(long line, ScoreError? error)
    {
        if (_errors.Count < MaxSamples)
            _errors.Add(new BatchRowError(line, error?.Column ?? "", (error?.Code ?? ErrorCode.InvalidValue).ToString(), error is null ? "refused" : error.Value is { } v ? $"{error.Message} (value {v})" : error.Message));
    }
}
