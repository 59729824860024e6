using System.Text;
using System.Text.Json;

namespace Ember.Functions.Lambda.Tests;

/// <summary>Events shaped as AWS sends them (fields trimmed to what matters plus some noise).</summary>
internal static class TestEvents
{
    public static string HttpV2(string method, string rawPath, string? body = null, bool base64 = false,
        string stage = "$default", string rawQuery = "", string? cookies = null, string extraHeaders = "")
    {
        string encoded = body is null ? "null" : JsonSerializer.Serialize(base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body);
        return $$"""
        {
          "version": "2.0",
          "routeKey": "$default",
          "rawPath": {{JsonSerializer.Serialize(rawPath)}},
          "rawQueryString": {{JsonSerializer.Serialize(rawQuery)}},
          {{(cookies is null ? "" : $"\"cookies\": {cookies},")}}
          "headers": { "content-type": "application/json", "x-forwarded-for": "1.2.3.4"{{extraHeaders}} },
          "requestContext": {
            "accountId": "123456789012", "apiId": "abc123", "domainName": "abc123.execute-api.us-east-1.amazonaws.com",
            "requestId": "req-1", "routeKey": "$default", "stage": {{JsonSerializer.Serialize(stage)}},
            "time": "21/Nov/2026:08:00:00 +0000", "timeEpoch": 1795248000000,
            "http": { "method": {{JsonSerializer.Serialize(method)}}, "path": {{JsonSerializer.Serialize(rawPath)}}, "protocol": "HTTP/1.1", "sourceIp": "1.2.3.4", "userAgent": "curl/8" }
          },
          "body": {{encoded}},
          "isBase64Encoded": {{(base64 ? "true" : "false")}}
        }
        """;
    }

    public static string RestV1(string method, string path, string? body = null, string stage = "prod") => $$"""
        {
          "resource": "/{proxy+}",
          "path": {{JsonSerializer.Serialize(path)}},
          "httpMethod": {{JsonSerializer.Serialize(method)}},
          "headers": { "Content-Type": "application/json", "X-Trace": "a" },
          "multiValueHeaders": { "Content-Type": ["application/json"], "X-Trace": ["a", "b"] },
          "queryStringParameters": { "model": "b" },
          "multiValueQueryStringParameters": { "model": ["a", "b"] },
          "pathParameters": { "proxy": "api/health" },
          "stageVariables": null,
          "requestContext": { "resourcePath": "/{proxy+}", "httpMethod": {{JsonSerializer.Serialize(method)}}, "stage": {{JsonSerializer.Serialize(stage)}}, "path": "/{{stage}}{{path}}" },
          "body": {{(body is null ? "null" : JsonSerializer.Serialize(body))}},
          "isBase64Encoded": false
        }
        """;

    public static string Sqs(params (string Id, string Body)[] records) => Sqs("arn:aws:sqs:us-east-1:123456789012:ember-jobs", records);

    public static string Sqs(string queueArn, params (string Id, string Body)[] records)
    {
        var parts = records.Select(r => $$"""
            {
              "messageId": {{JsonSerializer.Serialize(r.Id)}},
              "receiptHandle": "AQEB-{{r.Id}}",
              "body": {{JsonSerializer.Serialize(r.Body)}},
              "attributes": { "ApproximateReceiveCount": "2", "SentTimestamp": "1795248000000", "SenderId": "AIDA", "ApproximateFirstReceiveTimestamp": "1795248000100" },
              "messageAttributes": {},
              "md5OfBody": "x",
              "eventSource": "aws:sqs",
              "eventSourceARN": {{JsonSerializer.Serialize(queueArn)}},
              "awsRegion": "us-east-1"
            }
            """);
        return $$"""{ "Records": [ {{string.Join(",", parts)}} ] }""";
    }

    public static string DirectJob(string model = "iris", string input = "s3://in/rows.jsonl") =>
        $$"""{ "model": "{{model}}", "input": "{{input}}", "output": "s3://out/scores.parquet" }""";
}
