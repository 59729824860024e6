using Ember.Batch;

namespace Ember.Cli;

/// <summary>
/// Batch progress on stderr: a redrawn bar (rows, rows/s, ETA) when the output is a terminal,
/// a plain line every few seconds otherwise (logs, CI). Thread-safe: split parts report together.
/// </summary>
internal sealed class ProgressDisplay(TextWriter error, bool terminal)
{
    private readonly object _gate = new();
    private long _lastDraw;
    private bool _drawn;

    public static ProgressDisplay ForConsole() => new(Console.Error, !Console.IsOutputRedirected && !Console.IsErrorRedirected);

    public void Report(BatchProgress p, bool final = false)
    {
        lock (_gate)
        {
            long now = Environment.TickCount64;
            if (!final && now - _lastDraw < (terminal ? 100 : 5000))
                return;
            _lastDraw = now;
            double seconds = Math.Max(p.Elapsed.TotalSeconds, 1e-3);
            double rate = p.RowsRead / seconds;
            string eta = p.Fraction is > 0 and < 1 and { } f ? Format(TimeSpan.FromSeconds(seconds * (1 - f) / f)) : "-";
            string counts = $"{p.RowsRead:N0} rows  {rate:N0} rows/s";
            if (terminal)
            {
                string bar = p.Fraction is { } fraction ? "[" + new string('#', (int)(fraction * 30)).PadRight(30, '.') + $"] {fraction,4:P0}  " : "";
                error.Write($"\r\u001b[2K{bar}{counts}  ETA {eta}");
                _drawn = true;
            }
            else
            {
                error.WriteLine($"progress: {counts}{(p.Fraction is { } fr ? $", {fr:P0} done, ETA {eta}" : "")}");
            }
        }
    }

    public void Finish()
    {
        lock (_gate)
            if (terminal && _drawn) error.WriteLine();
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"m\:ss");
}
