using System.Text;
using System.Text.Json;

namespace Ember.Functions.Lambda.Events;

/// <summary>
/// Tells an event's kind from its top-level fields with one forward pass of Utf8JsonReader, so the
/// event is then deserialized once, into the right contract.
/// </summary>
internal static class EventClassifier
{
    public const string Expected =
        "expected an API Gateway HTTP API (payload 2.0) or function URL event, an API Gateway REST API " +
        "(payload 1.0) proxy event, an SQS event (Records[].eventSource \"aws:sqs\"), or a batch job " +
        "object with \"model\" and \"input\" fields";

    private const int MaxNamesInMessage = 8;

    /// <summary>The kind, or Invalid with <paramref name="problem"/> saying what was found instead.</summary>
    public static EventKind Classify(ReadOnlySpan<byte> json, out string problem)
    {
        problem = "";
        var seen = new Shape();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = $"The event is not a JSON object: {Expected}.";
                return EventKind.Invalid;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                seen.Note(name);
                reader.Read();
                switch (name)
                {
                    case "version" when reader.TokenType == JsonTokenType.String:
                        seen.Version = reader.GetString();
                        break;
                    case "requestContext" when reader.TokenType == JsonTokenType.StartObject:
                        seen.HasRequestContextHttp = ObjectHasProperty(ref reader, "http"u8);
                        break;
                    case "Records" when reader.TokenType == JsonTokenType.StartArray:
                        seen.FirstRecordSource = FirstRecordEventSource(ref reader);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            // Reading to the end validates the rest of the document before any handler runs.
            while (reader.Read()) { }
        }
        catch (JsonException ex)
        {
            problem = $"The event is not valid JSON (byte {ex.BytePositionInLine}, line {ex.LineNumber}): {Expected}.";
            return EventKind.Invalid;
        }
        return seen.Decide(out problem);
    }

    // Reads an object to its end; true when it has a direct property of that name.
    private static bool ObjectHasProperty(ref Utf8JsonReader reader, ReadOnlySpan<byte> property)
    {
        bool found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            found |= reader.ValueTextEquals(property);
            reader.Read();
            reader.Skip();
        }
        return found;
    }

    // Reads an array to its end; the eventSource of its first element when that is an object.
    private static string? FirstRecordEventSource(ref Utf8JsonReader reader)
    {
        string? source = null;
        bool first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (first && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isSource = reader.ValueTextEquals("eventSource"u8);
                    reader.Read();
                    if (isSource && reader.TokenType == JsonTokenType.String) source = reader.GetString();
                    else reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
            first = false;
        }
        return source ?? "";
    }

    private sealed class Shape
    {
        private readonly List<string> _names = [];
        public string? Version;
        public bool HasRequestContextHttp;
        public string? FirstRecordSource;
        private bool _httpMethod, _resource, _model, _input;

        public void Note(string name)
        {
            if (_names.Count < MaxNamesInMessage) _names.Add(name);
            _httpMethod |= name == "httpMethod";
            _resource |= name == "resource";
            _model |= name == "model";
            _input |= name == "input";
        }

        public EventKind Decide(out string problem)
        {
            problem = "";
            if (Version == "2.0" || HasRequestContextHttp) return EventKind.HttpApiV2;
            if (_httpMethod && _resource) return EventKind.RestApiV1;
            if (FirstRecordSource == "aws:sqs") return EventKind.Sqs;
            if (_model && _input) return EventKind.DirectJob;

            var text = new StringBuilder("The event is not one the Ember host serves: ").Append(Expected).Append('.');
            if (FirstRecordSource is not null)
                text.Append(FirstRecordSource.Length == 0
                    ? " It has \"Records\" but the first record has no eventSource."
                    : $" It has \"Records\" from \"{FirstRecordSource}\", which is not served.");
            else if (_names.Count == 0)
                text.Append(" It is an empty object.");
            else
                text.Append(" Its top-level fields are: ").Append(string.Join(", ", _names)).Append(_names.Count == MaxNamesInMessage ? ", ..." : "").Append('.');
            problem = text.ToString();
            return EventKind.Invalid;
        }
    }
}
