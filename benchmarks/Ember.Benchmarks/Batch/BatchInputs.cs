using Ember.Parquet;

namespace Ember.Benchmarks.Batch;

/// <summary>
/// Synthetic Parquet inputs for the batch benchmarks, shaped like three zoo models' inputs:
/// "iris" (4 doubles, jpmml-lr-iris-s210), "linear" (a list&lt;double&gt; of 3 read as a vector,
/// gyanendra-stock-linreg-s321), "wine" (11 doubles, deser56-wine-rf-s234). Written in row groups
/// of 131,072 rows, values from a fixed seed.
/// Run: dotnet run -c Release --project benchmarks/Ember.Benchmarks -- make-batch-input KIND ROWS PATH
/// </summary>
internal static class BatchInputs
{
    public static readonly string[] WineColumns =
    [
        "fixed acidity", "volatile acidity", "citric acid", "residual sugar", "chlorides", "free sulfur dioxide",
        "total sulfur dioxide", "density", "pH", "sulphates", "alcohol",
    ];

    public static void Write(string kind, long rows, string path)
    {
        const int group = 131_072;
        var random = new Random(42);
        string[] names = kind switch
        {
            "iris" => ["Sepal_Length", "Sepal_Width", "Petal_Length", "Petal_Width"],
            "wine" => WineColumns,
            "linear" => [],
            _ => throw new ArgumentException($"unknown input kind '{kind}': use iris, linear or wine"),
        };
        var schema = kind == "linear"
            ? new ParquetSchema(ParquetField.List("features", ParquetField.Double("element", nullable: false)))
            : new ParquetSchema(names.Select(n => ParquetField.Double(n)).ToArray());
        using var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { RowGroupSize = group });
        for (long done = 0; done < rows; done += group)
        {
            int n = (int)Math.Min(group, rows - done);
            if (kind == "linear")
            {
                var offsets = new int[n + 1];
                var values = new double[n * 3];
                for (int i = 0; i < values.Length; i++) values[i] = 100 + random.NextDouble() * 50;
                for (int i = 0; i <= n; i++) offsets[i] = i * 3;
                writer.WriteColumns(ParquetWriteColumn.DoubleLists("features", offsets, values));
                continue;
            }
            var columns = new ParquetWriteColumn[names.Length];
            for (int c = 0; c < names.Length; c++)
            {
                var values = new double[n];
                double scale = kind == "iris" ? 1 + c : 1 + c % 5;
                for (int i = 0; i < n; i++) values[i] = Math.Round(scale * (0.5 + random.NextDouble()), 3);
                columns[c] = ParquetWriteColumn.Doubles(names[c], values);
            }
            writer.WriteColumns(columns);
        }
    }
}
