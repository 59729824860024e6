namespace Ember.Batch;

/// <summary>
/// A job that cannot complete: a bad message, a missing input, a bad row under onError = fail, a
/// store outage. <see cref="Retryable"/> says whether delivering the same message again may
/// succeed (an outage) or never will (a bad message or bad data).
/// </summary>
public sealed class BatchJobException(string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    public bool Retryable { get; } = retryable;
}
