namespace Ember.Pipeline;

/// <summary>
/// Builds a <see cref="CompiledPipeline"/>: stages, in order, read columns (resolved to slots, or
/// registered as raw inputs), add columns and kernels. Tracks the DataFrame schema as Spark would
/// see it after each stage, including the ML attributes later stages read.
/// Column names resolve case-insensitively, as Spark SQL does by default.
/// </summary>
public sealed class PipelineBuilder
{
    private readonly List<SparkType> _slotTypes = [];
    private readonly List<ColumnInfo> _schema = [];
    private readonly List<InputColumn> _inputs = [];
    private readonly List<Kernel> _kernels = [];
    private readonly List<StageSummary> _stages = [];
    private readonly IReadOnlyDictionary<string, SparkType> _declared;
    private List<string>? _predictorOutputs;
    private List<string> _addedByLastPredictorOrLater = [];
    private List<string> _addedByLastStage = [];
    private StageInfo? _current;
    private StageInfo? _predictorStage;
    private readonly BlasFlavor? _blas;

    /// <param name="declaredInputTypes">Types of raw input columns as the user's schema gives them (they win over derivation).</param>
    /// <param name="blas">The BLAS the Spark run used, when it differs from the saving version's default (a bundle's "blas").</param>
    public PipelineBuilder(IReadOnlyDictionary<string, SparkType>? declaredInputTypes = null, BlasFlavor? blas = null)
    {
        _declared = declaredInputTypes is null
            ? new Dictionary<string, SparkType>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, SparkType>(declaredInputTypes.ToDictionary(p => p.Key, p => p.Value), StringComparer.OrdinalIgnoreCase);
        _blas = blas;
    }

    /// <summary>The stage being compiled.</summary>
    public StageInfo Stage => _current ?? throw new InvalidOperationException("No stage is being compiled.");

    /// <summary>The DataFrame's columns at this point, in order.</summary>
    public IReadOnlyList<ColumnInfo> Schema => _schema;

    /// <summary>Compiles one stage (nested pipelines call this for each child).</summary>
    public void AddStage(StageDefinition stage)
    {
        var outer = _current;
        _current = stage.Info;
        int before = _schema.Count;
        var beforeNames = new HashSet<string>(_schema.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        using (BlasFlavors.Override(_blas))
            stage.Compile(this);
        if (stage.Children.Count == 0)
        {
            var added = _schema.Where(c => !c.IsInput && !beforeNames.Contains(c.Name)).Select(c => c.Name).ToList();
            _stages.Add(new StageSummary(stage.Info, added));
            _addedByLastStage = added;
            _addedByLastPredictorOrLater.AddRange(_predictorOutputs is { } marked && ReferenceEquals(_predictorStage, stage.Info)
                ? added.Where(a => !marked.Contains(a, StringComparer.OrdinalIgnoreCase))
                : added);
        }
        _current = outer;
    }

    /// <summary>True when the column exists at this point (raw inputs count once registered).</summary>
    public bool TryGetColumn(string name, out ColumnInfo column)
    {
        foreach (var c in _schema)
        {
            if (string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                column = c;
                return true;
            }
        }
        column = null!;
        return false;
    }

    /// <summary>
    /// Reads a column: the one an earlier stage produced, or a raw input registered now with the
    /// user's declared type (if any) or <paramref name="preferred"/>.
    /// </summary>
    /// <param name="name">Column name.</param>
    /// <param name="accepts">Types this stage accepts for it.</param>
    /// <param name="preferred">Type to assume for a raw input nobody declared.</param>
    /// <param name="vectorSize">Expected vector size for a raw vector input, when the stage knows it.</param>
    public ColumnInfo Read(string name, TypeSet accepts, SparkType preferred, int vectorSize = -1)
    {
        if (TryGetColumn(name, out var existing))
        {
            if (!accepts.Accepts(existing.Type))
                throw Error(name, $"has type {existing.Type}, but this stage needs {accepts.Describe()}.");
            return existing;
        }
        var type = _declared.TryGetValue(name, out var declared) ? declared : preferred;
        if (!accepts.Accepts(type))
            throw Error(name, $"is declared as {type}, but this stage needs {accepts.Describe()}.");
        int slot = NewSlot(type);
        var vector = type == SparkType.Vector ? new VectorAttributes(vectorSize) : null;
        var column = new ColumnInfo(name, type, slot, Nullable: true, Attribute: null, Vector: vector);
        _schema.Add(column);
        _inputs.Add(new InputColumn(name, type, slot, Nullable: true, Stage.Label, declared is not null, vectorSize));
        return column;
    }

    /// <summary>Adds an output column; Spark refuses a name that already exists.</summary>
    public ColumnInfo AddColumn(string name, SparkType type, MlAttribute? attribute = null, VectorAttributes? vector = null, bool nullable = false)
    {
        if (string.IsNullOrEmpty(name))
            throw Error(null, "an output column name is empty.");
        if (TryGetColumn(name, out _))
            throw Error(name, "already exists; Spark refuses to overwrite a column with a stage output.");
        var column = new ColumnInfo(name, type, NewSlot(type), nullable, attribute, vector, Stage.Label);
        _schema.Add(column);
        return column;
    }

    /// <summary>Replaces the compile-time information of an existing column (VectorSizeHint attaches a size).</summary>
    public ColumnInfo UpdateColumn(ColumnInfo updated)
    {
        for (int i = 0; i < _schema.Count; i++)
        {
            if (_schema[i].Slot == updated.Slot)
            {
                _schema[i] = updated;
                return updated;
            }
        }
        throw Error(updated.Name, "cannot be updated: it is not in the schema.");
    }

    /// <summary>Removes a column from the schema (ColumnPruner, SQL projections). Its slot stays allocated.</summary>
    public void Drop(string name) => _schema.RemoveAll(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Replaces the whole schema (SQL SELECT lists decide the columns and their order).</summary>
    public void SetSchema(IEnumerable<ColumnInfo> columns)
    {
        var list = columns.ToList();
        _schema.Clear();
        _schema.AddRange(list);
    }

    /// <summary>A slot for intermediate values no later stage sees by name.</summary>
    public int AddTemporary(SparkType type) => NewSlot(type);

    /// <summary>A column with a name of its own that is not (yet) part of the schema (SQL projections build these).</summary>
    public ColumnInfo NewDetachedColumn(string name, SparkType type, bool nullable = true, MlAttribute? attribute = null, VectorAttributes? vector = null) =>
        new(name, type, NewSlot(type), nullable, attribute, vector, Stage.Label);

    /// <summary>Adds a kernel that reads and writes the given slots.</summary>
    public void AddKernel(Kernel kernel, int[] reads, int[] writes, bool dropsRows = false)
    {
        kernel.Stage = Stage.Label;
        kernel.Reads = reads;
        kernel.Writes = writes;
        kernel.DropsRows = dropsRows;
        _kernels.Add(kernel);
    }

    /// <summary>
    /// The slot holding <paramref name="column"/> as a double: the column itself when it is a
    /// double, else a temporary filled by a cast kernel (CAST(x AS DOUBLE): integral and float
    /// widen, boolean → 1.0/0.0, null stays null).
    /// </summary>
    public int AsDouble(ColumnInfo column)
    {
        if (column.Type == SparkType.Double || column.Type == SparkType.Float || column.Type == SparkType.Decimal)
            return column.Slot;
        if (!column.Type.IsNumeric && column.Type != SparkType.Boolean)
            throw Error(column.Name, $"has type {column.Type}, which cannot be cast to double here.");
        int slot = AddTemporary(SparkType.Double);
        AddKernel(new CastToDoubleKernel(column.Slot, slot), [column.Slot], [slot]);
        return slot;
    }

    /// <summary>
    /// Marks the columns a predictor adds: by default a request returns them and every column
    /// added after them, not intermediate feature columns.
    /// </summary>
    public void MarkPredictorOutputs(params ColumnInfo[] outputs)
    {
        _predictorOutputs = outputs.Select(o => o.Name).ToList();
        _predictorStage = _current;
        _addedByLastPredictorOrLater = [];
    }

    public PipelineCompileException Error(string? column, string message) =>
        new(_current?.Label ?? "pipeline", column, message);

    /// <summary>Finishes the build: the full schema, raw inputs and default outputs.</summary>
    public CompiledPipeline Build()
    {
        var finalNames = new HashSet<string>(_schema.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        List<string> defaults = _predictorOutputs is not null
            ? _predictorOutputs.Concat(_addedByLastPredictorOrLater).ToList()
            : _addedByLastStage;
        var defaultOutputs = defaults.Where(finalNames.Contains)
            .Select(n => _schema.First(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return new CompiledPipeline(_slotTypes.ToArray(), _kernels.ToArray(), _inputs.ToArray(), _schema.ToArray(), defaultOutputs, _stages.ToArray());
    }

    private int NewSlot(SparkType type)
    {
        _slotTypes.Add(type);
        return _slotTypes.Count - 1;
    }
}

/// <summary>One leaf stage of a compiled pipeline and the columns it added.</summary>
public sealed record StageSummary(StageInfo Info, IReadOnlyList<string> AddedColumns);
