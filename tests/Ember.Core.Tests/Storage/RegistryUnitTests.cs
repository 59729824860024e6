using System.Text.Json;
using Ember.Storage.Registry;
using Xunit;

namespace Ember.Core.Tests.Storage;

public sealed class RegistryUnitTests
{
    [Fact]
    public void VersionOrder_AllIntegers_SortsNumerically()
    {
        Assert.Equal(["1", "2", "9", "10", "100"], VersionOrder.Sort(["10", "2", "100", "1", "9"]));
    }

    [Fact]
    public void VersionOrder_AnyNonInteger_SortsOrdinally()
    {
        Assert.Equal(["10", "2", "v3"], VersionOrder.Sort(["v3", "2", "10"]));
        Assert.Equal(["2024-01-05", "2024-11-30"], VersionOrder.Sort(["2024-11-30", "2024-01-05"]));
    }

    [Fact]
    public void AliasEntry_WritesShortFormWhenPlain_AndFullFormOtherwise()
    {
        var aliases = new SortedDictionary<string, AliasEntry>(StringComparer.Ordinal)
        {
            ["prod"] = new("3"),
            ["canary"] = new("4", 10, ["3"]),
        };
        string json = JsonSerializer.Serialize(aliases, RegistryJsonContext.Default.SortedDictionaryStringAliasEntry);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("3", doc.RootElement.GetProperty("prod").GetString());
        Assert.Equal("4", doc.RootElement.GetProperty("canary").GetProperty("version").GetString());
        Assert.Equal(10, doc.RootElement.GetProperty("canary").GetProperty("weight").GetInt32());

        var back = JsonSerializer.Deserialize(json, RegistryJsonContext.Default.DictionaryStringAliasEntry)!;
        Assert.Equal(["3"], back["canary"].Previous);
    }

    [Theory]
    [InlineData("{\"prod\": 3}")]
    [InlineData("{\"prod\": {\"weight\": 10}}")]
    [InlineData("{\"prod\": {\"version\": \"1\", \"weight\": 101}}")]
    [InlineData("{\"prod\": {\"version\": \"1\", \"previous\": [1]}}")]
    [InlineData("[]")]
    public void AliasEntry_InvalidShapes_AreJsonErrors(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, RegistryJsonContext.Default.DictionaryStringAliasEntry));
    }

    [Fact]
    public void AliasEntry_UnknownFields_AreIgnored()
    {
        var back = JsonSerializer.Deserialize("{\"prod\": {\"version\": \"2\", \"note\": {\"x\": [1]}}}", RegistryJsonContext.Default.DictionaryStringAliasEntry)!;
        Assert.Equal("2", back["prod"].Version);
    }
}
