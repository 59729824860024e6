using System.Globalization;
using System.Text.Json;
using Ember.Batch;

namespace Ember.Functions.Azure.Invocations;

/// <summary>
/// Reads a queue-trigger envelope (platform contract §1.4): the message in Data.job, DequeueCount
/// and Id in Metadata. The host passes every value that is not an object through
/// JsonConvert.SerializeObject, so a string arrives JSON-encoded twice ("\"{...}\"") and a number
/// may arrive as a string ("2"); both are undone here, once.
/// </summary>
internal static class QueueTriggerPayload
{
    public readonly record struct Result(string? Message, BatchJobContext? Context, string? Error);

    public static Result Parse(JsonElement data, JsonElement metadata)
    {
        if (!TryFindMessage(data, out var element))
            return new Result(null, null, $"Data.{FunctionCatalog.QueueTriggerBinding} is missing: expected the queue message.");

        string message;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (!TryUnwrapEncodedString(text, out message))
                    return new Result(null, null, $"Data.{FunctionCatalog.QueueTriggerBinding} starts with a quote but is not a JSON string.");
                break;
            case JsonValueKind.Object or JsonValueKind.Array:
                message = element.GetRawText(); // a host that already parsed the JSON message
                break;
            default:
                return new Result(null, null, $"Data.{FunctionCatalog.QueueTriggerBinding} is a JSON {element.ValueKind}, not a message text.");
        }

        var context = new BatchJobContext(ReadId(metadata), ReadDequeueCount(metadata));
        return new Result(message, context, null);
    }

    private static bool TryFindMessage(JsonElement data, out JsonElement element)
    {
        if (data.TryGetProperty(FunctionCatalog.QueueTriggerBinding, out element))
            return true;
        // A renamed trigger binding: with a single input, its value is the message.
        var count = 0;
        foreach (var property in data.EnumerateObject())
        {
            element = property.Value;
            count++;
        }
        return count == 1;
    }

    /// <summary>"\"{...}\"" becomes "{...}"; text that is not quoted is already the message.</summary>
    internal static bool TryUnwrapEncodedString(string text, out string value)
    {
        value = text;
        if (!text.StartsWith('"'))
            return true;
        try
        {
            value = JsonSerializer.Deserialize(text, HostJsonContext.Default.String) ?? "";
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? ReadId(JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty("Id", out var id) || id.ValueKind != JsonValueKind.String)
            return null;
        return TryUnwrapEncodedString(id.GetString()!, out var value) && value.Length > 0 ? value : null;
    }

    /// <summary>The delivery number, 1 for the first; 1 too when the host did not say.</summary>
    private static int ReadDequeueCount(JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty("DequeueCount", out var count))
            return 1;
        if (count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n))
            return Math.Max(n, 1);
        if (count.ValueKind == JsonValueKind.String
            && TryUnwrapEncodedString(count.GetString()!, out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n))
            return Math.Max(n, 1);
        return 1;
    }
}
