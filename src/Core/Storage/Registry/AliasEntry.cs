using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ember.Storage.Registry;

/// <summary>
/// Where an alias points. In aliases.json either the short form <c>"prod": "3"</c> or the full
/// form <c>"canary": {"version": "4", "weight": 10, "previous": ["3", "2"]}</c>.
/// </summary>
/// <param name="Version">The version the alias serves.</param>
/// <param name="Weight">Share of traffic in percent (0..100) for a canary; null = all of it.</param>
/// <param name="Previous">Earlier versions, most recent first: what rollback returns to.</param>
[JsonConverter(typeof(AliasEntryConverter))]
public sealed record AliasEntry(string Version, int? Weight, IReadOnlyList<string> Previous)
{
    public AliasEntry(string version) : this(version, null, []) { }
}

/// <summary>
/// Reads both forms and writes the short one when there is nothing but a version. Written by hand
/// because the value is either a string or an object; no reflection is involved.
/// </summary>
internal sealed class AliasEntryConverter : JsonConverter<AliasEntry>
{
    public override AliasEntry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return new AliasEntry(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("an alias must be a version string or an object with \"version\"");

        string? version = null;
        int? weight = null;
        var previous = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "version":
                    version = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("\"version\" must be a string");
                    break;
                case "weight":
                    weight = reader.TokenType == JsonTokenType.Null ? null
                        : reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int w) ? w
                        : throw new JsonException("\"weight\" must be an integer percentage");
                    break;
                case "previous":
                    if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("\"previous\" must be an array of versions");
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        previous.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("\"previous\" must hold version strings"));
                    break;
                default:
                    reader.Skip(); // fields from a newer Ember are kept out of the way, not fatal
                    break;
            }
        }
        if (string.IsNullOrEmpty(version)) throw new JsonException("an alias object needs a non-empty \"version\"");
        if (weight is < 0 or > 100) throw new JsonException($"\"weight\" {weight} is outside 0..100");
        return new AliasEntry(version, weight, previous);
    }

    public override void Write(Utf8JsonWriter writer, AliasEntry value, JsonSerializerOptions options)
    {
        if (value.Weight is null && value.Previous.Count == 0)
        {
            writer.WriteStringValue(value.Version);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("version", value.Version);
        if (value.Weight is { } weight) writer.WriteNumber("weight", weight);
        if (value.Previous.Count > 0)
        {
            writer.WriteStartArray("previous");
            foreach (string v in value.Previous) writer.WriteStringValue(v);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
