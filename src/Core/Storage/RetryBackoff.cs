namespace Ember.Storage;

/// <summary>
/// The wait before a store retry: exponential from the base delay (base, 2×base, 4×base, …) with
/// ±50% jitter so that many instances retrying one outage do not hit the store in lockstep, and
/// capped so that a large retry count never waits minutes.
/// </summary>
internal static class RetryBackoff
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <param name="retry">1 for the first retry.</param>
    /// <param name="random">Uniform in [0, 1): 0 gives half the exponential delay, near 1 one and a half times it.</param>
    public static TimeSpan Delay(int retry, TimeSpan baseDelay, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        if (baseDelay <= TimeSpan.Zero)
            return TimeSpan.Zero;
        double exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
        double jittered = exponential * (0.5 + Math.Clamp(random, 0, 1));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxDelay.TotalMilliseconds));
    }
}
