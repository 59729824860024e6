using Ember.Pipeline;
using Ember.Spark;
using Xunit;
using static Ember.Core.Tests.Pipeline.Stages.Sql.SqlHarness;

namespace Ember.Core.Tests.Pipeline.Stages.Sql;

public class SQLTransformerTests
{
    private static readonly Dictionary<string, SparkType> Visit = new()
    {
        ["female"] = SparkType.Int,
        ["married"] = SparkType.Int,
        ["age"] = SparkType.Int,
        ["v"] = SparkType.Vector,
    };

    [Fact]
    public void SQLTransformer_UnaliasedExpression_GetsSparksGeneratedName()
    {
        var pipeline = PipelineHarness.Compile(Visit,
            Stage("SELECT *, IF(female == 1, 'M', 'F') AS gender, IF(married == 1, 0, 1), age + 1, CAST(age AS DOUBLE), -age FROM __THIS__", true));
        var names = pipeline.Columns.Select(c => c.Name).ToList();
        Assert.Contains("gender", names);
        Assert.Contains("(IF((married = 1), 0, 1))", names);
        Assert.Contains("(age + 1)", names);
        Assert.Contains("CAST(age AS DOUBLE)", names);
        Assert.Contains("(- age)", names);
        var row = PipelineHarness.Score(pipeline, ["gender", "(IF((married = 1), 0, 1))"],
            PipelineHarness.Row(("female", 1), ("married", 1), ("age", 30)))[0];
        Assert.Equal("M", row["gender"]);
        Assert.Equal(0L, row["(IF((married = 1), 0, 1))"]);
        Assert.Equal(SparkType.Int, pipeline.Columns.First(c => c.Name == "(IF((married = 1), 0, 1))").Type);
    }

    [Fact]
    public void SQLTransformer_Where_DropsRowsWithTheReason()
    {
        var pipeline = PipelineHarness.Compile(Visit, Stage("SELECT age AS a FROM __THIS__ WHERE age > 18 AND married = 1", false));
        var rows = PipelineHarness.Score(pipeline, ["a"],
            PipelineHarness.Row(("age", 30), ("married", 1)),
            PipelineHarness.Row(("age", 10), ("married", 1)),
            PipelineHarness.Row(("age", 30), ("married", null)));
        Assert.Equal(RowState.Ok, rows[0].State);
        Assert.Equal(30L, rows[0]["a"]);
        Assert.Equal(RowState.Skipped, rows[1].State);
        Assert.Contains("filtered by WHERE", rows[1].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(RowState.Skipped, rows[2].State);
    }

    [Fact]
    public void SQLTransformer_PlainColumnAndAlias_KeepSlotTypeAndVectors()
    {
        var pipeline = PipelineHarness.Compile(Visit, Stage("SELECT v, age AS years FROM __THIS__", false));
        Assert.Equal(["v", "years"], pipeline.Columns.Select(c => c.Name).ToArray());
        Assert.Equal(SparkType.Vector, pipeline.Columns[0].Type);
        Assert.Equal(SparkType.Int, pipeline.Columns[1].Type);
    }

    [Fact]
    public void SQLTransformer_AnsiErrorFailsOnlyThatRow_NamingColumnAndValue()
    {
        var pipeline = PipelineHarness.Compile(Visit, Stage("SELECT 100 div (age - 30) AS q FROM __THIS__", true));
        var rows = PipelineHarness.Score(pipeline, ["q"], PipelineHarness.Row(("age", 30)), PipelineHarness.Row(("age", 40)));
        Assert.Equal(RowState.Failed, rows[0].State);
        Assert.Equal("q", rows[0].Error!.Column);
        Assert.Contains("DIVIDE_BY_ZERO", rows[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(10L, rows[1]["q"]);
    }

    [Theory]
    [InlineData("SELECT age FROM __THIS__ GROUP BY age", "GROUP")]
    [InlineData("SELECT max(age) FROM __THIS__", "max()")]
    [InlineData("SELECT age FROM other", "FROM __THIS__")]
    [InlineData("SELECT DISTINCT age FROM __THIS__", "DISTINCT")]
    [InlineData("SELECT a.age FROM __THIS__ a JOIN __THIS__ b", "JOIN")]
    [InlineData("SELECT age FROM __THIS__ ORDER BY age", "ORDER")]
    [InlineData("SELECT (SELECT 1) FROM __THIS__", "subqueries")]
    [InlineData("SELECT age & 1 FROM __THIS__", "bitwise")]
    [InlineData("SELECT CAST(age AS TIMESTAMP_NTZ) FROM __THIS__", "TIMESTAMP_NTZ")]
    [InlineData("SELECT current_date() AS today FROM __THIS__", "current_date is not deterministic")]
    [InlineData("SELECT sum(age) OVER () FROM __THIS__", "sum")]
    public void SQLTransformer_StatementOutsideSubset_FailsAtLoadNamingTheConstruct(string statement, string named)
    {
        var dir = Directory.CreateTempSubdirectory("ember-sql-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "metadata"));
            File.WriteAllText(Path.Combine(dir.FullName, "metadata", "part-00000"),
                "{\"class\":\"org.apache.spark.ml.feature.SQLTransformer\",\"timestamp\":1,\"sparkVersion\":\"3.5.0\",\"uid\":\"SQLTransformer_1\",\"paramMap\":{\"statement\":"
                + System.Text.Json.JsonSerializer.Serialize(statement) + "},\"defaultParamMap\":{}}");
            var ex = Assert.Throws<ModelLoadException>(() => SparkModelLoader.CreateDefault().Load(dir.FullName));
            Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void SQLTransformer_ComparingStringWithNumber_IsRefusedAtCompile()
    {
        var ex = Assert.Throws<PipelineCompileException>(() =>
            PipelineHarness.Compile(new Dictionary<string, SparkType> { ["s"] = SparkType.String }, Stage("SELECT s = 1 AS x FROM __THIS__", false)));
        Assert.Contains("CAST", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SQLTransformer_DuplicateOutputName_IsRefused()
    {
        Assert.Throws<PipelineCompileException>(() => PipelineHarness.Compile(Visit, Stage("SELECT *, age FROM __THIS__", false)));
    }
}
