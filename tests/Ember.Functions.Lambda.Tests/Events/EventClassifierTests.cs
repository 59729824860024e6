using System.Text;
using Ember.Functions.Lambda.Events;

namespace Ember.Functions.Lambda.Tests.Events;

public sealed class EventClassifierTests
{
    private static EventKind Classify(string json, out string problem) => EventClassifier.Classify(Encoding.UTF8.GetBytes(json), out problem);

    [Fact]
    public void HttpApiV2_AndFunctionUrl_AreHttpApiV2()
    {
        Assert.Equal(EventKind.HttpApiV2, Classify(TestEvents.HttpV2("GET", "/api/health"), out _));
        Assert.Equal(EventKind.HttpApiV2, Classify("{\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"rawPath\":\"/\"}", out _));
    }

    [Fact]
    public void RestApiV1_IsRestApiV1() => Assert.Equal(EventKind.RestApiV1, Classify(TestEvents.RestV1("GET", "/api/health"), out _));

    [Fact]
    public void SqsEvent_IsSqs() => Assert.Equal(EventKind.Sqs, Classify(TestEvents.Sqs(("a", "b")), out _));

    [Fact]
    public void ObjectWithModelAndInput_IsADirectJob() => Assert.Equal(EventKind.DirectJob, Classify(TestEvents.DirectJob(), out _));

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"a\":", "not valid JSON")]
    [InlineData("{} trailing", "not valid JSON")]
    [InlineData("42", "not a JSON object")]
    [InlineData("{}", "empty object")]
    [InlineData("{\"model\":\"m\"}", "top-level fields are: model")]
    [InlineData("{\"Records\":[{\"eventSource\":\"aws:s3\"}]}", "\"aws:s3\", which is not served")]
    [InlineData("{\"Records\":[]}", "no eventSource")]
    public void UnknownShapes_AreInvalidWithAProblemSayingWhatWasExpected(string json, string said)
    {
        Assert.Equal(EventKind.Invalid, Classify(json, out string problem));
        Assert.Contains(said, problem);
        Assert.Contains("expected an API Gateway HTTP API", problem);
    }

    [Fact]
    public void DeeplyNestedEvent_IsInvalidNotACrash()
    {
        string deep = "{\"x\":" + new string('[', 200) + new string(']', 200) + "}";

        Assert.Equal(EventKind.Invalid, Classify(deep, out string problem));
        Assert.Contains("not valid JSON", problem);
    }
}
