namespace Ember.Pipeline;

/// <summary>Applies FPGrowthModel's association rules to each row's items (see FPGrowthModel).</summary>
internal sealed class FPGrowthKernel(int input, int output, IReadOnlyList<AssociationRule> rules) : Kernel
{
    public override void Execute(Frame frame)
    {
        var items = frame.Column<StringArrayColumn>(input);
        var predictions = frame.Column<StringArrayColumn>(output);
        var itemset = new HashSet<string?>(StringComparer.Ordinal);
        var added = new HashSet<string?>(StringComparer.Ordinal);
        var result = new List<string?>();
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r))
                continue;
            string?[]? row = items.Values[r];
            if (row is null)
            {
                predictions.Set(r, []);
                continue;
            }
            itemset.Clear();
            added.Clear();
            result.Clear();
            foreach (var item in row)
                itemset.Add(item);
            foreach (var rule in rules)
            {
                if (itemset.Contains(rule.Consequent) || added.Contains(rule.Consequent) || !ContainsAll(itemset, rule.Antecedent))
                    continue;
                added.Add(rule.Consequent);
                result.Add(rule.Consequent);
            }
            predictions.Set(r, result.Count == 0 ? [] : result.ToArray());
        }
    }

    private static bool ContainsAll(HashSet<string?> set, IReadOnlyList<string?> items)
    {
        for (int i = 0; i < items.Count; i++)
            if (!set.Contains(items[i]))
                return false;
        return true;
    }
}
