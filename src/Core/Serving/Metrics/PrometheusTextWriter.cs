using System.Globalization;
using System.Text;

namespace Ember.Serving.Metrics;

/// <summary>Writes the Prometheus text exposition format 0.0.4 (HELP, TYPE, one sample per line).</summary>
public sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new(4096);

    public void Header(string name, string help, string type)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    public void Sample(string name, IReadOnlyList<string> labelNames, MetricLabels labels, string? extraName, string? extraValue, double value)
    {
        _text.Append(name);
        bool any = false;
        for (int i = 0; i < labelNames.Count; i++)
        {
            string v = i switch { 0 => labels.A, 1 => labels.B, _ => labels.C };
            Label(ref any, labelNames[i], v);
        }
        if (extraName is not null)
            Label(ref any, extraName, extraValue!);
        if (any)
            _text.Append('}');
        _text.Append(' ').Append(Format(value)).Append('\n');
    }

    /// <summary>Series in a stable order, so two scrapes diff cleanly.</summary>
    public IEnumerable<KeyValuePair<MetricLabels, T>> Sorted<T>(IEnumerable<KeyValuePair<MetricLabels, T>> series) =>
        series.OrderBy(s => s.Key.A, StringComparer.Ordinal).ThenBy(s => s.Key.B, StringComparer.Ordinal).ThenBy(s => s.Key.C, StringComparer.Ordinal);

    public override string ToString() => _text.ToString();

    private void Label(ref bool any, string name, string value)
    {
        _text.Append(any ? ',' : '{');
        any = true;
        _text.Append(name).Append("=\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': _text.Append("\\\\"); break;
                case '"': _text.Append("\\\""); break;
                case '\n': _text.Append("\\n"); break;
                default: _text.Append(c); break;
            }
        }
        _text.Append('"');
    }

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
