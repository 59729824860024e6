using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ember.Api;

namespace Ember.Batch;

/// <summary>
/// Turns a job message into a <see cref="BatchJob"/>, or an error naming the field and what it
/// should be. The job id, when absent, is a hash of the normalised message, so a redelivered
/// message (or the same request sent twice) maps to the same job.
/// </summary>
public static class BatchJobParser
{
    public static BatchJob Parse(string message)
    {
        if (string.IsNullOrWhiteSpace(message))
            throw new BatchJobException("the job message is empty: expected a JSON object with model, input and output", retryable: false);
        BatchJobMessage? raw;
        try
        {
            raw = JsonSerializer.Deserialize(message, EmberJsonContext.Default.BatchJobMessage);
        }
        catch (JsonException ex)
        {
            throw new BatchJobException($"the job message is not a valid job: {Describe(ex)}", retryable: false);
        }
        return Validate(raw ?? throw new BatchJobException("the job message is null: expected a JSON object", retryable: false));
    }

    public static BatchJob Validate(BatchJobMessage m)
    {
        string model = Required(m.Model, "model", "the model name in the store");
        string input = Required(m.Input, "input", "a path, s3://bucket/key or a Blob URL");
        string output = Required(m.Output, "output", "a path, s3://bucket/key or a Blob URL");
        if (m.Alias is not null && m.Version is not null)
            throw Field("alias", "give alias or version, not both");
        if (m.Alias is { } alias && alias.Trim().Length == 0) throw Field("alias", "is empty");
        if (m.Version is { } version && version.Trim().Length == 0) throw Field("version", "is empty");

        DataFormat inputFormat = Format(m.InputFormat, input, "inputFormat", "input");
        DataFormat outputFormat = Format(m.OutputFormat, output, "outputFormat", "output");
        if (string.Equals(Strip(input), Strip(output), StringComparison.Ordinal))
            throw Field("output", "is the same as the input; write the scores somewhere else");

        var passthrough = m.Passthrough ?? [];
        for (int i = 0; i < passthrough.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(passthrough[i]))
                throw Field($"passthrough[{i}]", "is empty");
            if (passthrough[i] == BatchJob.AllColumns && passthrough.Count > 1)
                throw Field("passthrough", "\"*\" (every column) cannot be combined with column names");
        }
        if (passthrough.Distinct(StringComparer.OrdinalIgnoreCase).Count() != passthrough.Count)
            throw Field("passthrough", "names a column twice");

        int chunkRows = m.ChunkRows ?? BatchJob.DefaultChunkRows;
        if (chunkRows is < 1 or > BatchJob.MaxChunkRows)
            throw Field("chunkRows", $"is {chunkRows}; it must be between 1 and {BatchJob.MaxChunkRows}");

        OnErrorPolicy onError = m.OnError?.Trim().ToLowerInvariant() switch
        {
            null or "fail" => OnErrorPolicy.Fail,
            "skip-row" => OnErrorPolicy.SkipRow,
            "error-column" => OnErrorPolicy.ErrorColumn,
            _ => throw Field("onError", $"is \"{m.OnError}\"; expected fail, skip-row or error-column"),
        };

        if (m.Part is { } part && (part.Count is < 1 or > BatchJob.MaxParts || part.Index < 0 || part.Index >= part.Count))
            throw Field("part", $"is {{index {part.Index}, count {part.Count}}}; expected 0 <= index < count <= {BatchJob.MaxParts}");

        string jobId = m.JobId is null ? DeriveJobId(m) : CheckJobId(m.JobId);
        return new BatchJob(jobId, model.Trim(), m.Alias?.Trim(), m.Version?.Trim(), input, output, inputFormat, outputFormat,
            passthrough.ToArray(), chunkRows, onError, m.Part);
    }

    /// <summary>"job-" and 20 hex digits of the SHA-256 of the message re-serialised without jobId (whitespace and field order do not matter).</summary>
    public static string DeriveJobId(BatchJobMessage message)
    {
        byte[] canonical = JsonSerializer.SerializeToUtf8Bytes(message with { JobId = null }, EmberJsonContext.Default.BatchJobMessage);
        return "job-" + Convert.ToHexStringLower(SHA256.HashData(canonical))[..20];
    }

    private static string CheckJobId(string id)
    {
        if (id.Length is 0 or > 128)
            throw Field("jobId", "must be 1 to 128 characters");
        foreach (char c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
                throw Field("jobId", $"contains '{c}'; use letters, digits, '-', '_', '.' or ':'");
        return id;
    }

    private static DataFormat Format(string? given, string location, string field, string locationField)
    {
        if (given is not null)
            return DataFormats.TryParse(given, out var f) ? f : throw Field(field, $"is \"{given}\"; expected parquet, csv or jsonl");
        return DataFormats.TryFromName(location, out var fromName)
            ? fromName
            : throw Field(field, $"is absent and the {locationField} name has no .parquet, .csv or .jsonl extension; set {field}");
    }

    private static string Required(string? value, string field, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw Field(field, $"is missing: expected {what}") : value.Trim();

    private static string Strip(string location) => location.Split('?')[0].TrimEnd('/');

    private static BatchJobException Field(string field, string problem) => new($"field '{field}' {problem}", retryable: false);

    private static string Describe(JsonException ex)
    {
        string path = ex.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "";
        string message = ex.Message;
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        return path.Length > 0 ? $"field '{path}': {message}" : message;
    }
}
