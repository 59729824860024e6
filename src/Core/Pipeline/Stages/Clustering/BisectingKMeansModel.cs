using System.Globalization;

namespace Ember.Pipeline;

/// <summary>One node of a saved bisecting k-means tree (a row of the old-API model's data/data).</summary>
/// <param name="Index">Cluster id for leaves (0..k−1); internal nodes have other (negative) ids.</param>
/// <param name="Center">The node's center.</param>
/// <param name="Norm">Its saved L2 norm (Spark reuses the saved value).</param>
/// <param name="Children">Child node indices, in saved order.</param>
public sealed record BisectingNode(int Index, SparkVector Center, double Norm, int[] Children);

/// <summary>
/// org.apache.spark.ml.clustering.BisectingKMeansModel: prediction (int) = from the root, move to
/// the child with the smallest cost (first on ties) until a leaf; output the leaf's index. Cost is
/// fastSquaredDistance (euclidean) or the cosine distance (a zero vector fails the row). Follows
/// mllib BisectingKMeansModel (SaveLoadV1_0..V3_0 buildTree) and ClusteringTreeNode.predict.
/// </summary>
public sealed class BisectingKMeansModel : StageDefinition
{
    private readonly SparkVector[] _centers;
    private readonly double[] _norms;
    private readonly int[][] _children;
    private readonly int[] _index;

    public BisectingKMeansModel(StageInfo info, string featuresCol, string predictionCol, string distanceMeasure, int rootId, IReadOnlyList<BisectingNode> nodes)
        : base(info)
    {
        FeaturesCol = featuresCol;
        PredictionCol = predictionCol;
        DistanceMeasure = distanceMeasure;
        // Flatten with the root at 0, children as positions; reject missing ids, shared nodes and cycles.
        var byIndex = new Dictionary<int, BisectingNode>();
        foreach (var n in nodes)
            if (!byIndex.TryAdd(n.Index, n))
                throw new ArgumentException($"node index {n.Index} appears twice.");
        if (!byIndex.TryGetValue(rootId, out var root))
            throw new ArgumentException($"root node {rootId} is not among the {nodes.Count} saved nodes.");
        var order = new List<BisectingNode>();
        var position = new Dictionary<int, int>();
        var stack = new Stack<(BisectingNode Node, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > 1024)
                throw new ArgumentException("the cluster tree is deeper than 1024 levels.");
            if (!position.TryAdd(node.Index, order.Count))
                throw new ArgumentException($"node {node.Index} is reached twice; the saved clusters do not form a tree.");
            order.Add(node);
            foreach (var c in node.Children)
                stack.Push((byIndex.TryGetValue(c, out var child) ? child : throw new ArgumentException($"node {node.Index} has child {c}, which is not saved."), depth + 1));
        }
        int size = root.Center.Size;
        _centers = new SparkVector[order.Count];
        _norms = new double[order.Count];
        _children = new int[order.Count][];
        _index = new int[order.Count];
        for (int i = 0; i < order.Count; i++)
        {
            if (order[i].Center.Size != size)
                throw new ArgumentException($"node {order[i].Index} has a center of size {order[i].Center.Size}, the root {size}.");
            _centers[i] = order[i].Center;
            _norms[i] = order[i].Norm;
            _index[i] = order[i].Index;
            _children[i] = Array.ConvertAll(order[i].Children, c => position[c]);
        }
    }

    public string FeaturesCol { get; }

    public string PredictionCol { get; }

    public string DistanceMeasure { get; }

    public int NumFeatures => _centers[0].Size;

    public override long EstimatedBytes => 128 + _centers.Sum(c => c.Values.Length * 12L);

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("distanceMeasure", DistanceMeasure),
        new("k", _children.Count(c => c.Length == 0).ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (DistanceMeasure is not ("euclidean" or "cosine"))
            throw builder.Error(null, $"distanceMeasure '{DistanceMeasure}' is not one of euclidean, cosine.");
        var features = builder.Read(FeaturesCol, TypeSet.Vector, SparkType.Vector, NumFeatures);
        if (PredictionCol.Length == 0)
            return;
        var prediction = builder.AddColumn(PredictionCol, SparkType.Int);
        builder.AddKernel(new Kernel(this, features.Name, features.Slot, prediction.Slot, DistanceMeasure == "cosine", BlasFlavors.For(Info.Version)),
            [features.Slot], [prediction.Slot]);
        builder.MarkPredictorOutputs(prediction);
    }

    /// <summary>The leaf index reached by <paramref name="x"/>, or −1 when a cosine distance is undefined.</summary>
    internal int Predict(in VectorView x, bool cosine, BlasFlavor flavor)
    {
        double norm = ClusterDistance.Norm(x);
        int node = 0;
        while (_children[node].Length > 0)
        {
            int best = -1;
            double bestCost = double.PositiveInfinity;
            foreach (int c in _children[node])
            {
                double cost = cosine
                    ? ClusterDistance.Cosine(_centers[c].View, _norms[c], x, norm, flavor)
                    : ClusterDistance.FastSquaredDistance(_centers[c].View, _norms[c], x, norm, flavor);
                if (double.IsNaN(cost) && cosine)
                    return -1;
                if (best < 0 || cost < bestCost)
                {
                    best = c;
                    bestCost = cost;
                }
            }
            node = best;
        }
        return _index[node];
    }

    private sealed class Kernel(BisectingKMeansModel model, string featuresName, int features, int prediction, bool cosine, BlasFlavor flavor)
        : Pipeline.Kernel
    {
        public override void Execute(Frame frame)
        {
            var x = frame.Column<VectorColumn>(features);
            var y = frame.Column<LongColumn>(prediction);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r) || !Predictors.TryGetFeatures(frame, r, x, featuresName, model.NumFeatures, Stage, out var v))
                    continue;
                int cluster = model.Predict(v, cosine, flavor);
                if (cluster == -1 && cosine)
                    frame.Fail(r, new ScoreError(ErrorCode.InvalidValue, featuresName, Stage,
                        "cosine distance is not defined for zero-length vectors."));
                else
                    y.Set(r, cluster);
            }
        }
    }
}
