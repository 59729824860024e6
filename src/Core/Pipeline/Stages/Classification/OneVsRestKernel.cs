namespace Ember.Pipeline;

/// <summary>Gathers score_c = rawPrediction_c[1] of each sub-model into the raw vector and picks the prediction.</summary>
internal sealed class OneVsRestKernel : Kernel
{
    private readonly int[] _scoreSlots;
    private readonly int _raw;
    private readonly int _prediction;
    private readonly OneVsRestTieRule _rule;
    private readonly int[] _visitOrder;

    // doubleToLongBits canonicalises every NaN to this (positive) pattern; .NET's NaN has the sign bit set.
    private const long JavaNaNBits = 0x7ff8000000000000L;

    public OneVsRestKernel(int[] scoreSlots, int raw, int prediction, OneVsRestTieRule rule)
    {
        _scoreSlots = scoreSlots;
        _raw = raw;
        _prediction = prediction;
        _rule = rule;
        _visitOrder = rule == OneVsRestTieRule.ScalaMapOrder
            ? OneVsRestTieRules.ScalaHashMapOrder(scoreSlots.Length)
            : Enumerable.Range(0, scoreSlots.Length).ToArray();
    }

    public override void Execute(Frame frame)
    {
        int k = _scoreSlots.Length;
        var rawColumn = _raw >= 0 ? frame.Column<VectorColumn>(_raw) : null;
        var predColumn = _prediction >= 0 ? frame.Column<DoubleColumn>(_prediction) : null;
        Span<double> scratch = k <= 256 ? stackalloc double[k] : new double[k];
        var sources = new VectorColumn[k]; // once per batch
        for (int c = 0; c < k; c++)
            sources[c] = frame.Column<VectorColumn>(_scoreSlots[c]);
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r))
                continue;
            Span<double> scores = rawColumn is not null ? rawColumn.AppendDense(r, k) : scratch;
            for (int c = 0; c < k; c++)
                scores[c] = sources[c].Get(r)[1];
            predColumn?.Set(r, Pick(scores));
        }
    }

    private int Pick(ReadOnlySpan<double> scores)
    {
        bool total = _rule == OneVsRestTieRule.FirstMaxTotal;
        int best = _visitOrder[0];
        for (int i = 1; i < _visitOrder.Length; i++)
        {
            int c = _visitOrder[i];
            if (total ? JavaCompare(scores[c], scores[best]) > 0 : scores[c] > scores[best])
                best = c;
        }
        return best;
    }

    /// <summary>java.lang.Double.compare: −0.0 &lt; 0.0, NaN above +∞ and equal to itself.</summary>
    private static int JavaCompare(double a, double b)
    {
        if (a < b) return -1;
        if (a > b) return 1;
        long x = double.IsNaN(a) ? JavaNaNBits : BitConverter.DoubleToInt64Bits(a);
        long y = double.IsNaN(b) ? JavaNaNBits : BitConverter.DoubleToInt64Bits(b);
        return x == y ? 0 : x < y ? -1 : 1;
    }
}
