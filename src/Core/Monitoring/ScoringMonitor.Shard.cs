namespace Ember.Monitoring;

public sealed partial class ScoringMonitor
{
    /// <summary>
    /// One window's accumulators and the spin lock guarding them. A spin lock rather than
    /// <c>lock</c>: entering is one compare-exchange and leaving one plain store (Monitor costs
    /// two interlocked operations), and the guarded work is short and never blocks.
    /// </summary>
    private sealed class Shard(MonitorWindow window)
    {
        private int _busy;

        public MonitorWindow Window { get; } = window;

        public bool Closed { get; set; }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Enter()
        {
            if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
                EnterContended();
        }

        public void Exit() => Volatile.Write(ref _busy, 0);

        private void EnterContended()
        {
            var spinner = new SpinWait();
            do
                spinner.SpinOnce();
            while (Volatile.Read(ref _busy) != 0 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0);
        }
    }
}
