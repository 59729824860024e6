namespace Ember.Monitoring;

/// <summary>Converts a <see cref="QuantileSketch"/> to and from its sparse JSON form.</summary>
internal static class SketchCodec
{
    public static SketchData ToData(QuantileSketch sketch)
    {
        var counts = sketch.Counts;
        int used = 0;
        foreach (long c in counts)
            if (c != 0)
                used++;
        var buckets = new int[used];
        var values = new long[used];
        int k = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0)
                continue;
            buckets[k] = i;
            values[k++] = counts[i];
        }
        return new SketchData(QuantileSketch.Layout, buckets, values);
    }

    /// <exception cref="FormatException">Another grid, mismatched arrays, or a bucket off the grid; the message names the column.</exception>
    public static QuantileSketch FromData(SketchData? data, string column)
    {
        var sketch = new QuantileSketch();
        if (data is null)
            return sketch;
        if (!string.Equals(data.Layout, QuantileSketch.Layout, StringComparison.Ordinal))
            throw new FormatException($"column '{column}': the sketch uses grid '{data.Layout}', this version of Ember reads '{QuantileSketch.Layout}'");
        var buckets = data.Buckets ?? [];
        var counts = data.Counts ?? [];
        if (buckets.Length != counts.Length)
            throw new FormatException($"column '{column}': the sketch has {buckets.Length} buckets but {counts.Length} counts");
        try
        {
            for (int i = 0; i < buckets.Length; i++)
                sketch.AddToBucket(buckets[i], counts[i]);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"column '{column}': {ex.Message}", ex);
        }
        return sketch;
    }
}
