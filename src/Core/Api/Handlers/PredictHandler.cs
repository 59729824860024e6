using System.Diagnostics;
using System.Text.Json;
using System.Text.Unicode;
using Ember.Monitoring;
using Ember.Pipeline;
using Ember.Serving;

namespace Ember.Api;

/// <summary>
/// POST /api/models/{name}/predict: checks the request (415, 413), resolves the model version
/// (404, 503), reads the rows into a rented frame (400 naming each column and problem), scores
/// them and writes the answer. A row Spark would fail on fails the request (400, with its stage);
/// a row handleInvalid = "skip" drops is answered with its reason.
/// </summary>
internal sealed class PredictHandler(IModelProvider models, ApiOptions options, MonitorHub? hub = null)
{
    public async ValueTask<ApiResponse> HandleAsync(string name, ApiRequest request, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        if (ContentTypeProblem(request.Header("Content-Type")) is { } unsupported)
            return unsupported;
        if (request.Body.Length > options.MaxBodyBytes)
            return ApiProblems.Create(ProblemTypes.TooLarge,
                $"The body is {request.Body.Length} bytes; the limit is {options.MaxBodyBytes} (EMBER_MAX_BODY_BYTES). Split the rows, or use a batch job.");

        var (served, problem) = await ModelResolver.ResolveAsync(models, name, request, cancellationToken).ConfigureAwait(false);
        if (served is null)
            return problem!;

        var monitor = hub?.For(served);
        var response = Score(served, request, monitor, started, out int rows, out bool monitored);
        string? errorType = null;
        if (response.Status != 200)
        {
            errorType = ShortType(response);
            response = response with { Headers = ModelHeaders.Of(served) }; // refusals name the version too
        }
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        options.Metrics.Predict(served.Name, served.Version, rows, seconds, errorType);
        if (!monitored)
            monitor?.RecordRequest(seconds * 1000);
        return response;
    }

    /// <summary>
    /// Scores the request; a scored frame is handed to the monitor with the latency so far (the
    /// response is rendered by then) in one call, and <paramref name="monitored"/> says so.
    /// </summary>
    private ApiResponse Score(ServedModel served, ApiRequest request, ScoringMonitor? monitor, long started, out int rowCount, out bool monitored)
    {
        rowCount = 0;
        monitored = false;
        var pipeline = served.Pipeline;
        var plan = pipeline.DefaultPlan;
        if (request.QueryValue("outputs") is { } outputs)
        {
            var names = outputs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length == 0)
                return ApiProblems.Create(ProblemTypes.InvalidRequest, "?outputs= needs at least one column name (comma separated).");
            if (pipeline.PlanFor(names, out string? error) is not { } chosen)
                return ApiProblems.Create(ProblemTypes.UnknownOutput, error!);
            plan = chosen;
        }
        var body = request.Body.Span;
        if (body.IsEmpty)
            return ApiProblems.Create(ProblemTypes.BadJson, "The body is empty; send one row as a JSON object, or {\"rows\": [{...}, ...]}.");
        if (!Utf8.IsValid(body))
            return ApiProblems.Create(ProblemTypes.BadJson, "The body is not valid UTF-8 text.");

        RequestShape shape;
        try
        {
            if (PredictRequestReader.Scan(body, options.MaxRows, out shape) is { } shapeProblem)
                return shapeProblem;
        }
        catch (JsonException ex)
        {
            return ApiProblems.Create(ProblemTypes.BadJson, $"The body is not valid JSON: {ex.Message}");
        }
        rowCount = shape.RowCount;

        var binding = InputBinding.For(plan);
        var frame = pipeline.RentFrame(shape.RowCount);
        try
        {
            var errors = new RowErrors();
            PredictRequestReader.Fill(body, shape, binding, frame, errors);
            if (errors.Count > 0)
                return errors.ToResponse(shape.RowCount);
            if (shape.RowCount > 0)
                plan.Execute(frame);
            for (int row = 0; row < frame.RowCount; row++)
            {
                if (frame.States[row] == RowState.Failed && frame.Errors[row] is { } refused)
                    errors.Add(refused, row);
            }
            var response = errors.Count > 0
                ? errors.ToResponse(shape.RowCount)
                : new ApiResponse(200, JsonResponses.ContentType, PredictionWriter.Write(served, binding, frame), ModelHeaders.Of(served));
            if (shape.RowCount > 0 && monitor is not null)
            {
                // Rows Spark refuses are profiled too: inputs of every row, outputs of Ok rows.
                monitor.Observe(frame, plan, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                monitored = true;
            }
            return response;
        }
        finally
        {
            pipeline.ReturnFrame(frame);
        }
    }

    /// <summary>No Content-Type is taken as JSON (curl -d sends a form type, so the docs show -H); anything else but JSON is 415.</summary>
    private static ApiResponse? ContentTypeProblem(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return null;
        var media = contentType.AsSpan();
        int semicolon = media.IndexOf(';');
        if (semicolon >= 0)
            media = media[..semicolon];
        media = media.Trim();
        if (media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            return null;
        return ApiProblems.Create(ProblemTypes.UnsupportedMediaType,
            $"Content-Type is \"{ApiProblems.Excerpt(contentType)}\"; send the rows as application/json.");
    }

    /// <summary>The last segment of the problem type, for the errors metric (a bounded set).</summary>
    private static string ShortType(ApiResponse response)
    {
        var reader = new Utf8JsonReader(response.Body.Span);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("type"u8) && reader.Read())
            {
                string type = reader.GetString() ?? "";
                return type[(type.LastIndexOf('/') + 1)..];
            }
        }
        return "unknown";
    }
}
