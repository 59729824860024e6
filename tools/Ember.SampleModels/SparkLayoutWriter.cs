using System.Globalization;
using System.Text;
using Ember.Parquet;

namespace Ember.SampleModels;

/// <summary>
/// Writes stage directories exactly as Spark 3.5's save() lays them out: metadata/part-00000
/// (one JSON line) with _SUCCESS, and data/part-00000-&lt;uuid&gt;-c000.snappy.parquet for stages
/// with learned data (vectors and matrices as Spark's VectorUDT/MatrixUDT structs).
/// </summary>
internal static class SparkLayoutWriter
{
    public const string SparkVersion = "3.5.1";

    /// <summary>A fixed save time, so regenerating writes the same bytes.</summary>
    private const long Timestamp = 1717171717000;

    private static readonly string[] VectorNames = ["type", "size", "indices", "values"];
    private static readonly string[] MatrixNames = ["type", "numRows", "numCols", "colPtrs", "rowIndices", "values", "isTransposed"];

    public static ParquetField Vector(string name) => ParquetField.Struct(name, true,
        ParquetField.Int8("type", nullable: false),
        ParquetField.Int32("size"),
        ParquetField.List("indices", ParquetField.Int32("element", nullable: false)),
        ParquetField.List("values", ParquetField.Double("element", nullable: false)));

    public static ParquetField Matrix(string name) => ParquetField.Struct(name, true,
        ParquetField.Int8("type", nullable: false),
        ParquetField.Int32("numRows", nullable: false),
        ParquetField.Int32("numCols", nullable: false),
        ParquetField.List("colPtrs", ParquetField.Int32("element", nullable: false)),
        ParquetField.List("rowIndices", ParquetField.Int32("element", nullable: false)),
        ParquetField.List("values", ParquetField.Double("element", nullable: false)),
        ParquetField.Boolean("isTransposed", nullable: false));

    /// <summary>A dense vector as VectorUDT stores it: type 1, size and indices null.</summary>
    public static ParquetRecord DenseVector(params double[] values) =>
        new(VectorNames, [(sbyte)1, null, null, values.Cast<object?>().ToList()]);

    /// <summary>A dense matrix as MatrixUDT stores it: type 1, no colPtrs/rowIndices; values column-major unless <paramref name="isTransposed"/> (row-major, as Spark saves binomial logistic regression coefficients).</summary>
    public static ParquetRecord DenseMatrix(int rows, int cols, double[] columnMajor, bool isTransposed = false) =>
        new(MatrixNames, [(sbyte)1, rows, cols, new List<object?>(), new List<object?>(), columnMajor.Cast<object?>().ToList(), isTransposed]);

    public static void WriteMetadata(string stageDir, string sparkClass, string uid, string paramMap, string defaultParamMap, string? extra = null)
    {
        string dir = Path.Combine(stageDir, "metadata");
        Directory.CreateDirectory(dir);
        string json = $"{{\"class\":\"{sparkClass}\",\"timestamp\":{Timestamp.ToString(CultureInfo.InvariantCulture)},\"sparkVersion\":\"{SparkVersion}\",\"uid\":\"{uid}\",\"paramMap\":{paramMap},\"defaultParamMap\":{defaultParamMap}{(extra is null ? "" : "," + extra)}}}";
        File.WriteAllText(Path.Combine(dir, "part-00000"), json + "\n", new UTF8Encoding(false));
        File.WriteAllBytes(Path.Combine(dir, "_SUCCESS"), []);
    }

    public static void WriteData(string stageDir, string fileId, ParquetSchema schema, params object?[] row)
    {
        string dir = Path.Combine(stageDir, "data");
        Directory.CreateDirectory(dir);
        using (var writer = ParquetFileWriter.Create(Path.Combine(dir, $"part-00000-{fileId}-c000.snappy.parquet"), schema))
            writer.WriteRow(row);
        File.WriteAllBytes(Path.Combine(dir, "_SUCCESS"), []);
    }
}
