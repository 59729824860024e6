namespace Ember.Functions.Lambda.Events;

/// <summary>What an event is, told from its JSON shape (Lambda does not say).</summary>
internal enum EventKind
{
    Invalid,
    HttpApiV2,
    RestApiV1,
    Sqs,
    DirectJob,
}

internal static class EventKindNames
{
    /// <summary>The name written in the log line.</summary>
    public static string LogName(this EventKind kind) => kind switch
    {
        EventKind.HttpApiV2 => "http-v2",
        EventKind.RestApiV1 => "rest-v1",
        EventKind.Sqs => "sqs",
        EventKind.DirectJob => "job",
        _ => "invalid",
    };
}
