using Xunit;
using System.Text;
using Ember.Api;

namespace Ember.Core.Tests.Api;

/// <summary>
/// Malformed bodies of every kind: none may reach the catch-all (500). Each answer is either a
/// prediction or a problem+json with a 4xx status and a stable type.
/// </summary>
public sealed class PredictFuzzTests : IDisposable
{
    private const string Valid = """{"rows": [{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}, {"sepal_length": 6.7, "sepal_width": 3.1, "petal_length": 5.6, "petal_width": 2.4}]}""";
    private readonly ApiTestHost _host = new();

    public void Dispose() => _host.Dispose();

    public static TheoryData<string, string> Malformed() => new()
    {
        { "empty", "" },
        { "whitespace", "   \n " },
        { "truncated", Valid[..40] },
        { "trailing garbage", Valid + " x" },
        { "two values", Valid + Valid },
        { "array", "[1, 2, 3]" },
        { "array of rows", "[" + Valid + "]" },
        { "number", "42" },
        { "string", "\"row\"" },
        { "null", "null" },
        { "rows not objects", """{"rows": [1, "a", null]}""" },
        { "rows nested arrays", """{"rows": [[{"sepal_length": 1}]]}""" },
        { "huge number", """{"sepal_length": 1e999999, "sepal_width": -1e400, "petal_length": 123456789012345678901234567890, "petal_width": 0.2}""" },
        { "deep nesting", new string('[', 5000) + new string(']', 5000) },
        { "deep object", string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200) },
        { "deep value", """{"sepal_length": """ + new string('[', 100) + new string(']', 100) + "}" },
        { "comments", """{"sepal_length": 5.1 /* c */}""" },
        { "single quotes", "{'sepal_length': 5.1}" },
        { "unquoted names", "{sepal_length: 5.1}" },
        { "NaN literal", """{"sepal_length": NaN, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}""" },
        { "control chars", "{\"sepal_length\": \"\u0001\"}" },
        { "escaped names", """{"sepal\u005flength": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}""" },
        { "bad escape", """{"sepal_length": "\x"}""" },
        { "lone surrogate", """{"sepal_length": "\ud800"}""" },
        { "lone surrogate name", """{"\ud800": 1, "sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}""" },
        { "lone surrogate rows", """{"r\udc00ws": [], "\ud800": {}}""" },
        { "lone surrogate array", """{"rows": [{"sepal_length": ["\ud800"]}]}""" },
        { "object values", """{"sepal_length": {"a": 1}, "sepal_width": {}, "petal_length": [], "petal_width": [[]]}""" },
        { "booleans", """{"sepal_length": true, "sepal_width": false, "petal_length": null, "petal_width": 0}""" },
        { "duplicate names", """{"sepal_length": 1, "sepal_length": "x", "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}""" },
        { "rows not array", """{"rows": {"sepal_length": 1}}""" },
        { "rows null", """{"rows": null}""" },
        { "long name", "{\"" + new string('n', 100_000) + "\": 1}" },
        { "ten thousand columns", "{" + string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"\"c{i}\": {i}")) + "}" },
        { "ten thousand problems", "{\"rows\": [" + string.Join(",", Enumerable.Repeat("""{"sepal_length": "x", "sepal_width": "y", "petal_length": "z"}""", 900)) + "]}" },
        { "BOM", "\uFEFF" + Valid },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task MalformedBody_IsAnsweredWithoutA500(string name, string body)
    {
        var response = await _host.PostAsync("/api/models/iris/predict", body);

        AssertNotABug(response, name);
    }

    [Fact]
    public async Task InvalidUtf8_Is400BadJson()
    {
        byte[] body = [.. "{\"sepal_length\": \""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8];

        var response = await _host.SendAsync("POST", "/api/models/iris/predict", body, "application/json");

        ApiTestHost.AssertProblem(response, 400, ProblemTypes.BadJson);
    }

    [Fact]
    public async Task ValidBodyTruncatedAtEveryByte_IsNeverA500()
    {
        byte[] valid = Encoding.UTF8.GetBytes(Valid);
        for (int length = 0; length < valid.Length; length++)
        {
            var response = await _host.SendAsync("POST", "/api/models/iris/predict", valid[..length], "application/json");
            Assert.Equal(400, response.Status);
            AssertNotABug(response, $"truncated at {length}");
        }
    }

    [Fact]
    public async Task RandomByteMutations_AreNeverA500()
    {
        var random = new Random(20240601);
        byte[] valid = Encoding.UTF8.GetBytes(Valid);
        byte[] alphabet = "{}[]\",:0123456789.eE-+ntrufalsNIy\\u \u00ff"u8.ToArray();
        for (int i = 0; i < 3000; i++)
        {
            byte[] body = (byte[])valid.Clone();
            for (int m = random.Next(1, 4); m > 0; m--)
                body[random.Next(body.Length)] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            var response = await _host.SendAsync("POST", "/api/models/iris/predict", body, "application/json");
            AssertNotABug(response, Encoding.UTF8.GetString(body));
        }
    }

    [Fact]
    public async Task RandomVectorBodies_AreNeverA500()
    {
        var random = new Random(7);
        string[] pieces = ["[", "]", "{", "}", ",", "1.5", "-0", "\"NaN\"", "null", "true", "\"size\":", "\"\\ud800\":", "\"\\u0073ize\":", "\"indices\":", "\"values\":", "\"type\":", "2147483648", "-3", "1e308"];
        for (int i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder("{\"features\": ");
            for (int k = random.Next(1, 12); k > 0; k--)
                sb.Append(pieces[random.Next(pieces.Length)]);
            sb.Append('}');
            var response = await _host.PostAsync("/api/models/linreg/predict", sb.ToString());
            AssertNotABug(response, sb.ToString());
        }
    }

    private static void AssertNotABug(ApiResponse response, string what)
    {
        Assert.True(response.Status is 200 or 400 or 413, $"{what}: status {response.Status}: {ApiTestHost.Text(response)}");
        if (response.Status != 200)
        {
            Assert.Equal("application/problem+json", response.ContentType);
            var type = ApiTestHost.Json(response).GetProperty("type").GetString();
            Assert.StartsWith("https://ember.dev/problems/", type);
            Assert.NotEqual(ProblemTypes.Internal, type);
        }
    }
}
