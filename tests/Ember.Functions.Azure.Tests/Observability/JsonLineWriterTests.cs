using System.Text.Json;
using Ember.Functions.Azure.Observability;
using Ember.Functions.Azure.Tests.Support;

namespace Ember.Functions.Azure.Tests.Observability;

public sealed class JsonLineWriterTests
{
    [Fact]
    public async Task JsonLineWriter_ConcurrentWriters_NeverInterleaveInsideALine()
    {
        var capture = new LogCapture();
        var writer = new JsonLineWriter(capture);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
                writer.Write("info", "tick", (t, i), static (w, s) =>
                {
                    w.WriteNumber("thread", s.t);
                    w.WriteNumber("i", s.i);
                    w.WriteString("pad", new string('x', s.i % 50));
                });
        })));

        var lines = capture.Lines();
        Assert.Equal(8 * 300, lines.Count);
        Assert.All(lines, l => Assert.Equal("tick", l.GetProperty("event").GetString()));
        Assert.Equal(8 * 300, lines.Select(l => (l.GetProperty("thread").GetInt32(), l.GetProperty("i").GetInt32())).Distinct().Count());
    }

    [Fact]
    public void JsonLineWriter_QuotesAndControlCharacters_StayOneValidLine()
    {
        var capture = new LogCapture();

        new JsonLineWriter(capture).Write("warn", "x", "a \"quoted\"\nnew line", static (w, s) => w.WriteString("message", s));

        var line = Assert.Single(capture.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("a \"quoted\"\nnew line", JsonDocument.Parse(line).RootElement.GetProperty("message").GetString());
    }
}
