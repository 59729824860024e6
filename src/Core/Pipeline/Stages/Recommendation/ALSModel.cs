using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// The learned factors of one side of an ALS model: ids and a flat id-major float matrix.
/// </summary>
public sealed class AlsFactors
{
    private readonly Dictionary<int, int> _rowOf;

    /// <param name="ids">Distinct ids, one per row.</param>
    /// <param name="values">ids.Length × rank floats, row-major.</param>
    /// <param name="rank">Factor length.</param>
    public AlsFactors(int[] ids, float[] values, int rank)
    {
        if (values.Length != ids.Length * rank)
            throw new ArgumentException($"{ids.Length} ids of rank {rank} need {ids.Length * rank} values, not {values.Length}.");
        Ids = ids;
        Values = values;
        Rank = rank;
        _rowOf = new Dictionary<int, int>(ids.Length);
        for (int i = 0; i < ids.Length; i++)
            if (!_rowOf.TryAdd(ids[i], i))
                throw new ArgumentException($"id {ids[i]} appears twice.");
    }

    public int[] Ids { get; }

    public float[] Values { get; }

    public int Rank { get; }

    public int Count => Ids.Length;

    /// <summary>The factor row of an id, or an empty span when the id is unknown (Spark's left join finds nothing).</summary>
    public ReadOnlySpan<float> Find(int id) =>
        _rowOf.TryGetValue(id, out int row) ? Values.AsSpan(row * Rank, Rank) : default;
}

/// <summary>
/// org.apache.spark.ml.recommendation.ALSModel: prediction (float) = Σ_{i&lt;rank} u_i·v_i in float
/// arithmetic, sequentially (each product rounded to float, then added; 2.0–2.1's F2J sdot sums
/// in the same order); an unknown user or item (left join without a match) gives NaN;
/// coldStartStrategy "drop" (2.2+) removes rows whose prediction is NaN.
/// Ids: int columns are used as they are (null matches nothing); other numeric columns go
/// through checkedCast: 2.2+ refuses a value whose doubleValue differs from its intValue
/// (fractional or outside the int range) and a null ("not numeric"); 2.0–2.1 cast to double,
/// refuse values outside the int range and truncate the rest.
/// Follows ALS.scala (ALSModel.transform, predict, checkedCast / checkIntegers).
/// </summary>
public sealed class ALSModel(StageInfo info, string userCol, string itemCol, string predictionCol, string coldStartStrategy,
    AlsFactors userFactors, AlsFactors itemFactors)
    : StageDefinition(info)
{
    public string UserCol { get; } = userCol;

    public string ItemCol { get; } = itemCol;

    public string PredictionCol { get; } = predictionCol;

    /// <summary>"nan" or "drop" (lower-cased as Spark's getColdStartStrategy does).</summary>
    public string ColdStartStrategy { get; } = coldStartStrategy;

    public AlsFactors UserFactors { get; } = userFactors;

    public AlsFactors ItemFactors { get; } = itemFactors;

    public int Rank => UserFactors.Rank;

    public override long EstimatedBytes => 128 + (UserFactors.Values.Length + ItemFactors.Values.Length) * 4L
        + (UserFactors.Count + ItemFactors.Count) * 40L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("userCol", UserCol),
        new("itemCol", ItemCol),
        new("predictionCol", PredictionCol),
        new("coldStartStrategy", ColdStartStrategy),
        new("rank", Rank.ToString(CultureInfo.InvariantCulture)),
        new("numUsers", UserFactors.Count.ToString(CultureInfo.InvariantCulture)),
        new("numItems", ItemFactors.Count.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var user = builder.Read(UserCol, TypeSet.Numeric, SparkType.Int);
        var item = builder.Read(ItemCol, TypeSet.Numeric, SparkType.Int);
        var prediction = builder.AddColumn(PredictionCol, SparkType.Float);
        bool drop = ColdStartStrategy == "drop";
        builder.AddKernel(new AlsKernel(this, user, item, prediction.Slot, drop), [user.Slot, item.Slot], [prediction.Slot], dropsRows: drop);
        builder.MarkPredictorOutputs(prediction);
    }
}
