using Ember.Pipeline;
using Xunit;
using static Ember.Core.Tests.Pipeline.Stages.Sql.SqlHarness;

namespace Ember.Core.Tests.Pipeline.Stages.Sql;

/// <summary>
/// Expressions with the result Spark gives, in both ANSI modes. Each expectation restates Spark's
/// source: Arithmetic.scala (DivModLike.eval, addExact under ANSI), Cast.scala (castToInt/Double,
/// processFloatingPointSpecialLiterals), UTF8String.toInt/toLong (trim, fraction truncation,
/// toIntExact under ANSI), DecimalPrecision (result types), mathExpressions.scala (RoundBase via
/// BigDecimal(Double.toString), UnaryLogExpression null at the asymptote).
/// </summary>
public class SQLTransformerExpressionTests
{
    public static TheoryData<string, object?, object?> NonAnsiAndAnsi() => new()
    {
        // Arithmetic: '/' is always fractional; int op int stays int; div is integral.
        { "7 / 2", 3.5, 3.5 },
        { "7 div 2", 3L, 3L },
        { "-7 % 3", -1L * 1, -1L * 1 },
        { "2 + 3 * 4", 14L, 14L },
        { "1 / 0", null, "DIVIDE_BY_ZERO" },
        { "1.5D / 0D", null, "DIVIDE_BY_ZERO" },
        { "5 % 0", null, "DIVIDE_BY_ZERO" },
        { "CAST(NULL AS INT) / 0", null, null },
        { "2147483647 + 1", -2147483648L, "ARITHMETIC_OVERFLOW" },
        { "9223372036854775807L * 2", -2L, "ARITHMETIC_OVERFLOW" },
        { "-(-2147483648)", -2147483648L, "ARITHMETIC_OVERFLOW" },
        { "abs(-2147483648)", -2147483648L, "ARITHMETIC_OVERFLOW" },
        { "NULL + 1", null, null },
        // Decimal literals: 1.5 is DECIMAL(2,1); 1 / 3.0 has scale max(6, 0 + 2 + 1) = 6.
        { "1.5 * 2", 3.0, 3.0 },
        { "1 / 3.0", 0.333333, 0.333333 },
        { "0.1 + 0.2", 0.3, 0.3 },
        { "1.5 + 1.5D", 3.0, 3.0 },
        // Casts from strings: trimmed, fraction truncated (legacy) or malformed (ANSI).
        { "CAST(' 12 ' AS INT)", 12L, 12L },
        { "CAST('1.9' AS INT)", 1L, "CAST_INVALID_INPUT" },
        { "CAST('abc' AS INT)", null, "CAST_INVALID_INPUT" },
        { "CAST('2147483648' AS INT)", null, "CAST_INVALID_INPUT" },
        { "CAST('1e3' AS DOUBLE)", 1000.0, 1000.0 },
        { "CAST('inf' AS DOUBLE)", double.PositiveInfinity, double.PositiveInfinity },
        { "CAST('abc' AS DOUBLE)", null, "CAST_INVALID_INPUT" },
        { "CAST('yes' AS BOOLEAN)", true, true },
        { "CAST('maybe' AS BOOLEAN)", null, "CAST_INVALID_INPUT" },
        { "CAST('12.345' AS DECIMAL(4,2))", 12.35, 12.35 },
        { "CAST('123.4' AS DECIMAL(4,2))", null, "CAST_OVERFLOW" },
        // Numeric narrowing: wrap / saturate (legacy) or overflow (ANSI).
        { "CAST(3000000000L AS INT)", -1294967296L, "CAST_OVERFLOW" },
        { "CAST(1e10 AS INT)", 2147483647L, "CAST_OVERFLOW" },
        { "CAST(-2.7D AS INT)", -2L, -2L },
        { "CAST(2.5 AS INT)", 2L, 2L },
        { "CAST(1.0D AS STRING)", "1.0", "1.0" },
        { "CAST(1e7 AS STRING)", "1.0E7", "1.0E7" },
        { "CAST(true AS INT)", 1L, 1L },
        // Comparisons: NaN equals NaN and is above every number; 0.0 = -0.0.
        { "CAST('NaN' AS DOUBLE) = CAST('NaN' AS DOUBLE)", true, true },
        { "CAST('NaN' AS DOUBLE) > 1e308", true, true },
        { "0.0D = -0.0D", true, true },
        { "NULL = NULL", null, null },
        { "NULL <=> NULL", true, true },
        { "1 <> 2", true, true },
        { "2 BETWEEN 1 AND 3", true, true },
        { "3 IN (1, 2, NULL)", null, null },
        { "1 IN (1, 2, NULL)", true, true },
        { "3 NOT IN (1, 2)", true, true },
        // Three-valued logic.
        { "NULL AND false", false, false },
        { "NULL OR true", true, true },
        { "NULL AND true", null, null },
        { "NOT NULL", null, null },
        // Conditionals: a NULL condition is not taken; only the taken branch can fail.
        { "IF(NULL, 1, 2)", 2L, 2L },
        { "CASE WHEN 1 > 2 THEN 'a' END", null, null },
        { "CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END", "two", "two" },
        { "CASE WHEN 0 = 0 THEN 0 ELSE 1 / 0 END", 0.0, 0.0 },
        { "IF(true, 1, 2.5)", 1.0, 1.0 },
        { "COALESCE(NULL, NULL, 3)", 3L, 3L },
        { "nvl(NULL, 'x')", "x", "x" },
        { "NULL IS NULL", true, true },
        // Strings.
        { "concat('a', 1, 'b')", "a1b", "a1b" },
        { "'a' || NULL", null, null },
        { "concat_ws('-', 'a', NULL, 'b')", "a-b", "a-b" },
        { "lower('ÀB')", "àb", "àb" },
        { "upper('straße')", "STRASSE", "STRASSE" },
        { "trim('  a  ')", "a", "a" },
        { "trim('\ta ')", "\ta", "\ta" },
        { "length('héllo')", 5L, 5L },
        { "substring('hello', 2, 3)", "ell", "ell" },
        { "substring('hello', -3, 2)", "ll", "ll" },
        { "substring('hello', 0, 2)", "he", "he" },
        { "substr('hello', 3)", "llo", "llo" },
        { "regexp_replace('a1b22', '[0-9]+', '#')", "a#b#", "a#b#" },
        { "regexp_replace('ab', '(a)(b)', '$2$1')", "ba", "ba" },
        { "'abc' LIKE 'a%'", true, true },
        { "'abc' LIKE 'a_'", false, false },
        { "'a_c' LIKE 'a\\\\_c'", true, true },
        // Math.
        { "round(2.675D, 2)", 2.68, 2.68 },
        { "round(-2.5D)", -3.0, -3.0 },
        { "bround(2.5D)", 2.0, 2.0 },
        { "round(125, -1)", 130L, 130L },
        { "floor(-1.5D)", -2L, -2L },
        { "ceil(1.2D)", 2L, 2L },
        { "sqrt(-1D)", double.NaN, double.NaN },
        { "log(0D)", null, null },
        { "ln(1D)", 0.0, 0.0 },
        { "log10(1000D)", 3.0, 3.0 },
        { "log(2D, 8D)", 3.0, 3.0 },
        { "pow(2, 10)", 1024.0, 1024.0 },
        { "sign(-3)", -1.0, -1.0 },
        { "greatest(1, NULL, 3)", 3L, 3L },
        { "least(1.5D, CAST('NaN' AS DOUBLE))", 1.5, 1.5 },
        { "greatest(1.5D, CAST('NaN' AS DOUBLE))", double.NaN, double.NaN },
    };

    [Theory]
    [MemberData(nameof(NonAnsiAndAnsi))]
    public void SQLTransformer_Expression_MatchesSparkInBothModes(string expr, object? legacy, object? ansi)
    {
        AssertResult(expr, ansi: false, legacy);
        AssertResult(expr, ansi: true, ansi);
    }

    [Fact]
    public void SQLTransformer_IntColumnTimesDecimalLiteral_IsExactDecimalThenDouble()
    {
        // DECIMAL(10,0) * DECIMAL(2,1) = 5.4 exactly; double arithmetic would give 5.4000000000000004.
        Assert.Equal(5.4, Value("age * 0.1", false, ("age", SparkType.Int, 54)));
        Assert.Equal(54 * 0.1, Value("age * 0.1D", false, ("age", SparkType.Int, 54)));
    }

    [Fact]
    public void SQLTransformer_IntColumnArithmetic_StaysIntAndWrapsOnlyWithoutAnsi()
    {
        Assert.Equal(-2147483648L, Value("i + 1", false, ("i", SparkType.Int, int.MaxValue)));
        Assert.Equal(RowState.Failed, Eval("i + 1", true, ("i", SparkType.Int, int.MaxValue)).State);
        Assert.Equal(3000000000L, Value("l + 1", true, ("l", SparkType.Long, 2999999999L)));
    }

    [Fact]
    public void SQLTransformer_NullColumnValues_PropagateAsSparkDoes()
    {
        Assert.Null(Value("x + 1", false, ("x", SparkType.Double, null)));
        Assert.Equal("F", Value("IF(x == 1, 'M', 'F')", true, ("x", SparkType.Int, null)));
        Assert.Equal(true, Value("x IS NULL", true, ("x", SparkType.String, null)));
    }

    [Fact]
    public void SQLTransformer_Split_KeepsTrailingEmptyStrings()
    {
        var parts = (string?[])Value("split(s, ',')", false, ("s", SparkType.String, "a,b,,"))!;
        Assert.Equal(new string?[] { "a", "b", "", "" }, parts.AsEnumerable());
        var limited = (string?[])Value("split(s, ',', 2)", false, ("s", SparkType.String, "a,b,c"))!;
        Assert.Equal(new string?[] { "a", "b,c" }, limited.AsEnumerable());
    }
}
