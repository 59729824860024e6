using System.Text.Json.Serialization;

namespace Ember.Storage.Registry;

/// <summary>What a completed push leaves at <c>&lt;name&gt;/&lt;version&gt;/_ember_push.json</c>.</summary>
public sealed record PushManifest(string Model, string Version, DateTimeOffset PushedAt, IReadOnlyList<PushedFile> Files);

/// <param name="Path">Key relative to the version folder, e.g. <c>metadata/part-00000</c>.</param>
public sealed record PushedFile(string Path, long Length, string Sha256);

/// <summary>Every registry file's JSON contract, source-generated (no reflection, AOT-safe).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Dictionary<string, AliasEntry>))]
[JsonSerializable(typeof(SortedDictionary<string, AliasEntry>))]
[JsonSerializable(typeof(PushManifest))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
