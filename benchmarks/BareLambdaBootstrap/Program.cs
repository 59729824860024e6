using System.Text;

// A bare provided.al2023 runtime: the same HTTP stack as Ember's bootstrap (HttpClient over
// SocketsHttpHandler, no proxy), no settings, no model, no JSON. Each event gets a fixed API
// Gateway answer, so it is what "a bare native binary answering its first event" costs.
string api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")
    ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set.");
using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
{
    BaseAddress = new Uri($"http://{api}/2018-06-01/"),
    Timeout = Timeout.InfiniteTimeSpan,
};
byte[] answer = Encoding.UTF8.GetBytes("{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{\\\"status\\\":\\\"ok\\\"}\"}");
while (true)
{
    using var next = await http.GetAsync("runtime/invocation/next");
    string requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").First();
    _ = await next.Content.ReadAsByteArrayAsync();
    using var content = new ByteArrayContent(answer);
    using var posted = await http.PostAsync($"runtime/invocation/{requestId}/response", content);
}
