namespace Ember.Functions.Lambda.Contracts;

// API Gateway REST API proxy integration, payload format 1.0. Only the fields the host reads.

internal sealed class RestApiV1Request
{
    public string? Resource { get; set; }
    public string? Path { get; set; }
    public string? HttpMethod { get; set; }
    public Dictionary<string, string?>? Headers { get; set; }
    public Dictionary<string, string[]?>? MultiValueHeaders { get; set; }
    public Dictionary<string, string?>? QueryStringParameters { get; set; }
    public Dictionary<string, string[]?>? MultiValueQueryStringParameters { get; set; }
    public RestApiV1RequestContext? RequestContext { get; set; }
    public string? Body { get; set; }
    public bool IsBase64Encoded { get; set; }
}

internal sealed class RestApiV1RequestContext
{
    public string? Stage { get; set; }
}

internal sealed class RestApiV1Response
{
    public int StatusCode { get; set; }
    public Dictionary<string, string> Headers { get; set; } = [];
    public string Body { get; set; } = "";
    public bool IsBase64Encoded { get; set; }
}
