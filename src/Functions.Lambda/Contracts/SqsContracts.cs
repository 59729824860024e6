using System.Text.Json.Serialization;

namespace Ember.Functions.Lambda.Contracts;

// SQS event source mapping: the event and the partial batch response (ReportBatchItemFailures).

internal sealed class SqsEvent
{
    [JsonPropertyName("Records")]
    public List<SqsRecord>? Records { get; set; }
}

internal sealed class SqsRecord
{
    public string? MessageId { get; set; }
    public string? Body { get; set; }
    public Dictionary<string, string?>? Attributes { get; set; }
    public string? EventSource { get; set; }

    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceArn { get; set; }
}

internal sealed record SqsBatchResponse(List<SqsBatchItemFailure> BatchItemFailures);

internal sealed record SqsBatchItemFailure(string ItemIdentifier);
