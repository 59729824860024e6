namespace Ember.Pipeline;

/// <summary>One frequent itemset as saved by FPGrowthModel (data: items, freq).</summary>
public sealed record FrequentItemset(IReadOnlyList<string?> Items, long Freq);

/// <summary>An association rule antecedent ⇒ consequent (the consequent is always one item in Spark).</summary>
public sealed record AssociationRule(IReadOnlyList<string?> Antecedent, string? Consequent, double Confidence);

/// <summary>
/// org.apache.spark.ml.fpm.FPGrowthModel. Follows FPGrowth.scala (genericTransform) and mllib's
/// AssociationRules.run: for each frequent itemset and each of its items, the rule
/// (itemset without the item) ⇒ item exists when the antecedent is itself a saved itemset with
/// the SAME item order (Spark joins on the Seq, which is order-sensitive), with
/// confidence = freq(itemset) / freq(antecedent) ≥ minConfidence. Per row: the consequents of
/// every rule whose antecedent ⊆ items, minus the row's items, distinct; a null items array
/// gives an empty array. Only string items are supported.
/// Ordering: Spark's output order follows the rules' order after a shuffle join, which is not
/// deterministic; Ember outputs items in rule order (itemsets in data-file order, then item
/// position), first occurrence kept. The SET of items matches Spark; the order may differ.
/// </summary>
public sealed class FPGrowthModel(StageInfo info, string itemsCol, string predictionCol, double minConfidence,
    IReadOnlyList<FrequentItemset> itemsets) : StageDefinition(info)
{
    public string ItemsCol { get; } = itemsCol;

    public string PredictionCol { get; } = predictionCol;

    public double MinConfidence { get; } = minConfidence;

    public IReadOnlyList<FrequentItemset> Itemsets { get; } = itemsets;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("itemsCol", ItemsCol),
        new("predictionCol", PredictionCol),
        new("minConfidence", JavaNumberFormat.FormatDouble(MinConfidence)),
        new("itemsets", Itemsets.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var input = builder.Read(ItemsCol, TypeSet.StringArray, SparkType.StringArray);
        var output = builder.AddColumn(PredictionCol, SparkType.StringArray, nullable: false);
        builder.AddKernel(new FPGrowthKernel(input.Slot, output.Slot, AssociationRules(Itemsets, MinConfidence)), [input.Slot], [output.Slot]);
    }

    /// <summary>The rules in Ember's deterministic order (see the class summary).</summary>
    public static IReadOnlyList<AssociationRule> AssociationRules(IReadOnlyList<FrequentItemset> itemsets, double minConfidence)
    {
        var freqBySeq = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var set in itemsets)
            freqBySeq.TryAdd(Key(set.Items, skip: -1), set.Freq);
        var rules = new List<AssociationRule>();
        foreach (var set in itemsets)
        {
            if (set.Items.Count < 2)
                continue;
            for (int i = 0; i < set.Items.Count; i++)
            {
                if (!freqBySeq.TryGetValue(Key(set.Items, skip: i), out long freqAntecedent))
                    continue;
                double confidence = (double)set.Freq / freqAntecedent;
                if (confidence >= minConfidence)
                {
                    var antecedent = new List<string?>(set.Items.Count - 1);
                    for (int j = 0; j < set.Items.Count; j++)
                        if (j != i)
                            antecedent.Add(set.Items[j]);
                    rules.Add(new AssociationRule(antecedent, set.Items[i], confidence));
                }
            }
        }
        return rules;
    }

    // An unambiguous, order-preserving key for a sequence of (possibly null) strings: length-prefixed items.
    private static string Key(IReadOnlyList<string?> items, int skip)
    {
        var sb = new System.Text.StringBuilder();
        for (int j = 0; j < items.Count; j++)
        {
            if (j == skip)
                continue;
            string? item = items[j];
            sb.Append(item is null ? "-1" : item.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(item);
        }
        return sb.ToString();
    }
}
