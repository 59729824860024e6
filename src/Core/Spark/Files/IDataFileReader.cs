namespace Ember.Spark;

/// <summary>
/// Reads every row of a Spark data folder (all part-*.parquet files, in name order) as
/// <see cref="DataRow"/>s. The one seam between the Spark loader and a Parquet implementation.
/// </summary>
public interface IDataFileReader
{
    IReadOnlyList<DataRow> ReadRows(IModelFileSystem files, string directory);
}
