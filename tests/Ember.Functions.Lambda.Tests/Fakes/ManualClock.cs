namespace Ember.Functions.Lambda.Tests.Fakes;

/// <summary>
/// A clock the test moves: timers created through it fire, in due order and on the caller's
/// thread, when <see cref="Advance"/> passes their due time. Deadline tests then check ordering
/// without depending on how busy the machine is.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return _now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset until;
        lock (_lock) until = _now + by;
        while (true)
        {
            ManualTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.DueAt <= until).MinBy(t => t.DueAt);
                if (next is null)
                {
                    _now = until;
                    return;
                }
                _now = next.DueAt;
                next.Rearm(_now);
            }
            next.Fire();
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                DueAt = clock._now + dueTime;
                clock._timers.Add(this);
            }
            return true;
        }

        /// <summary>Called under the clock's lock as the timer fires: one-shot timers leave, periodic ones move on.</summary>
        public void Rearm(DateTimeOffset now)
        {
            if (_period == Timeout.InfiniteTimeSpan || _period <= TimeSpan.Zero) clock._timers.Remove(this);
            else DueAt = now + _period;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._lock) clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
