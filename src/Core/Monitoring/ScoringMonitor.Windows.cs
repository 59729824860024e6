namespace Ember.Monitoring;

// Rolling windows: when one ends, its shards are closed, merged and queued for flushing.
public sealed partial class ScoringMonitor
{
    /// <summary>System clock only: raised by <see cref="_alarm"/> when the window may have ended (the clock then decides).</summary>
    private volatile bool _mayBeDue;
    private ITimer? _alarm;

    /// <summary>
    /// The per-frame "is the window over" check. With the system clock it reads a flag a timer
    /// raises at the window's end instead of the clock: even TickCount64 costs 4-5 ns (a call into
    /// the runtime), a tenth of profiling a one-row frame. A test's clock is read on every frame.
    /// </summary>
    private void RotateIfDue()
    {
        if (_systemClock ? _mayBeDue : ClockMs() >= Volatile.Read(ref _windowEndsMs))
            Rotate(_time.GetUtcNow(), force: false);
    }

    /// <summary>
    /// Milliseconds for deciding whether the window is over. The wall clock can cost half a
    /// microsecond per read in a sandbox (measured: DateTimeOffset.UtcNow 590 ns, TickCount64
    /// 4 ns); a test's clock is read as is.
    /// </summary>
    private long ClockMs() => _systemClock ? Environment.TickCount64 : _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Rotate(DateTimeOffset now, bool force)
    {
        Shard[] old;
        lock (_rotateLock)
        {
            if (!force && ClockMs() < Volatile.Read(ref _windowEndsMs))
            {
                // Another caller rotated first, or the alarm was early or stale: wait for the real end.
                if (_systemClock)
                    ArmAlarm(Volatile.Read(ref _windowEndsMs) - ClockMs());
                return;
            }
            old = _shards;
            _shards = NewShards(now);
            Interlocked.Exchange(ref _windowEndsMs, ClockMs() + (long)_window.TotalMilliseconds);
            if (_systemClock)
                ArmAlarm((long)_window.TotalMilliseconds);
        }
        MonitorWindow? merged = null;
        foreach (var shard in old)
        {
            shard.Enter();
            shard.Closed = true;
            shard.Window.End = now;
            shard.Exit();
            if (merged is null)
                merged = Copy(shard.Window);
            else
                merged.Merge(shard.Window);
        }
        lock (_rotateLock)
        {
            _lastCompleted = merged;
            _completed.Enqueue(merged!);
            while (_completed.Count > MaxCompleted)
                _completed.Dequeue();
        }
    }

    /// <summary>
    /// (Re)arms the one-shot timer that raises <see cref="_mayBeDue"/> in <paramref name="dueMs"/>.
    /// The timer holds the monitor weakly, so a monitor nobody uses any more can be collected (its
    /// pending timer then fires once into nothing). Called in the constructor or under the rotate lock.
    /// </summary>
    private void ArmAlarm(long dueMs)
    {
        _mayBeDue = false;
        // Timers take at most 2^32 − 2 ms; a longer window re-arms when this fires early.
        var due = TimeSpan.FromMilliseconds(Math.Clamp(dueMs, 1, uint.MaxValue - 1L));
        if (_alarm is null)
            _alarm = _time.CreateTimer(RaiseDue, new WeakReference<ScoringMonitor>(this), due, Timeout.InfiniteTimeSpan);
        else
            _alarm.Change(due, Timeout.InfiniteTimeSpan);
    }

    private static void RaiseDue(object? state)
    {
        if (((WeakReference<ScoringMonitor>)state!).TryGetTarget(out var monitor))
            monitor._mayBeDue = true;
    }

    private Shard[] NewShards(DateTimeOffset start)
    {
        // A power of two, so picking a thread's shard is a mask, not a division (~10 ns at one row per request).
        var shards = new Shard[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 8))];
        for (int i = 0; i < shards.Length; i++)
            shards[i] = new Shard(new MonitorWindow(ProfileSet.Create(_schema, Baseline, ColumnProfile.LiveLearnable), start));
        return shards;
    }

    private static MonitorWindow Copy(MonitorWindow window) => MonitorWindow.FromSnapshot(window.ToSnapshot("", "", ""));
}
