namespace Ember.Functions.Lambda.Contracts;

// API Gateway HTTP API payload format 2.0, also used by Lambda function URLs. Only the fields the
// host reads are declared; the rest of the event is skipped by the deserializer.

internal sealed class HttpApiV2Request
{
    public string? Version { get; set; }
    public string? RawPath { get; set; }
    public string? RawQueryString { get; set; }
    public string[]? Cookies { get; set; }
    public Dictionary<string, string?>? Headers { get; set; }
    public Dictionary<string, string?>? QueryStringParameters { get; set; }
    public HttpApiV2RequestContext? RequestContext { get; set; }
    public string? Body { get; set; }
    public bool IsBase64Encoded { get; set; }
}

internal sealed class HttpApiV2RequestContext
{
    public string? Stage { get; set; }
    public HttpApiV2Http? Http { get; set; }
}

internal sealed class HttpApiV2Http
{
    public string? Method { get; set; }
    public string? Path { get; set; }
}

internal sealed class HttpApiV2Response
{
    public int StatusCode { get; set; }
    public Dictionary<string, string> Headers { get; set; } = [];
    public string[]? Cookies { get; set; }
    public string Body { get; set; } = "";
    public bool IsBase64Encoded { get; set; }
}
