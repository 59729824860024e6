namespace Ember.Monitoring;

/// <summary>The profiles of a pipeline's inputs and outputs over some rows: a window, a snapshot or a baseline.</summary>
internal sealed class ProfileSet
{
    public ProfileSet(ColumnProfile[] inputs, ColumnProfile[] outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
    }

    public ColumnProfile[] Inputs { get; }

    public ColumnProfile[] Outputs { get; }

    /// <summary>Empty profiles for <paramref name="schema"/>, knowing the baseline's categories and ranges when given.</summary>
    public static ProfileSet Create(ProfileSchema schema, ModelBaseline? baseline, int learnable)
    {
        return new ProfileSet(Build(schema.Inputs, baseline?.Inputs), Build(schema.Outputs, baseline?.Outputs));

        ColumnProfile[] Build(IReadOnlyList<ColumnSpec> specs, IReadOnlyList<ColumnProfileData>? stored)
        {
            var profiles = new ColumnProfile[specs.Count];
            for (int i = 0; i < specs.Count; i++)
                profiles[i] = ColumnProfile.Create(specs[i], Find(stored, specs[i].Name), learnable);
            return profiles;
        }
    }

    public static ProfileSet FromData(IReadOnlyList<ColumnProfileData>? inputs, IReadOnlyList<ColumnProfileData>? outputs)
    {
        static ColumnProfile[] Load(IReadOnlyList<ColumnProfileData>? columns)
        {
            var list = new List<ColumnProfile>();
            foreach (var c in columns ?? [])
                if (c is not null)
                    list.Add(ColumnProfile.FromData(c));
            return list.ToArray();
        }
        return new ProfileSet(Load(inputs), Load(outputs));
    }

    /// <summary>Adds <paramref name="other"/>'s counts column by column (matched by name; new columns are appended).</summary>
    public ProfileSet MergedWith(ProfileSet other) =>
        new(MergeColumns(Inputs, other.Inputs), MergeColumns(Outputs, other.Outputs));

    public ColumnProfileData[] InputData(int maxCategories = ColumnProfile.StoredCategories) => Array.ConvertAll(Inputs, c => c.ToData(maxCategories));

    public ColumnProfileData[] OutputData(int maxCategories = ColumnProfile.StoredCategories) => Array.ConvertAll(Outputs, c => c.ToData(maxCategories));

    public static ColumnProfileData? Find(IReadOnlyList<ColumnProfileData>? columns, string name)
    {
        if (columns is null)
            return null;
        foreach (var c in columns)
            if (c is not null && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
                return c;
        return null;
    }

    // Merging goes through the stored form so both sides become fresh profiles: the inputs stay untouched.
    private static ColumnProfile[] MergeColumns(ColumnProfile[] left, ColumnProfile[] right)
    {
        var result = new List<ColumnProfile>(left.Length);
        foreach (var l in left)
            result.Add(ColumnProfile.FromData(l.ToData(int.MaxValue)));
        foreach (var r in right)
        {
            var match = result.Find(c => string.Equals(c.Name, r.Name, StringComparison.OrdinalIgnoreCase));
            var copy = ColumnProfile.FromData(r.ToData(int.MaxValue));
            if (match is null)
                result.Add(copy);
            else
                match.Merge(copy);
        }
        return result.ToArray();
    }
}
