using Ember.Pipeline;

namespace Ember.Api;

/// <summary>
/// The stable problem type URIs the API answers with (documented in docs/api.md). A client may
/// switch on them; they never change meaning.
/// </summary>
public static class ProblemTypes
{
    private const string Base = "https://ember.dev/problems/";

    /// <summary>The body is not JSON (syntax, invalid UTF-8, too deep) or is empty.</summary>
    public const string BadJson = Base + "bad-json";

    /// <summary>The JSON is valid but not a predict request: a row that is not an object, "rows" not an array, a bad query parameter.</summary>
    public const string InvalidRequest = Base + "invalid-request";

    /// <summary>Rows refused for more than one reason; see errors.</summary>
    public const string Validation = Base + "validation";

    public const string MissingColumn = Base + "missing-column";
    public const string WrongType = Base + "wrong-type";
    public const string NullValue = Base + "null-value";
    public const string InvalidValue = Base + "invalid-value";
    public const string UnseenValue = Base + "unseen-value";
    public const string OutOfRange = Base + "out-of-range";
    public const string VectorSize = Base + "vector-size";

    /// <summary>?outputs= names a column the pipeline does not have.</summary>
    public const string UnknownOutput = Base + "unknown-output";

    public const string ModelNotFound = Base + "model-not-found";
    public const string RouteNotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string TooLarge = Base + "too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string ModelUnavailable = Base + "model-unavailable";
    public const string NotReady = Base + "not-ready";

    /// <summary>A bug in Ember (never bad input): the one place a 500 comes from.</summary>
    public const string Internal = Base + "internal";

    /// <summary>Short machine name of a row error code, as in <see cref="ProblemError.Code"/>.</summary>
    public static string CodeOf(ErrorCode code) => code switch
    {
        ErrorCode.MissingColumn => "missing-column",
        ErrorCode.WrongType => "wrong-type",
        ErrorCode.NullValue => "null-value",
        ErrorCode.InvalidValue => "invalid-value",
        ErrorCode.UnseenValue => "unseen-value",
        ErrorCode.OutOfRange => "out-of-range",
        ErrorCode.VectorSizeMismatch => "vector-size",
        ErrorCode.Skipped => "skipped",
        _ => "invalid-value",
    };

    /// <summary>The problem type of a request refused for rows with this code.</summary>
    public static string TypeOf(ErrorCode code) => code switch
    {
        ErrorCode.MissingColumn => MissingColumn,
        ErrorCode.WrongType => WrongType,
        ErrorCode.NullValue => NullValue,
        ErrorCode.UnseenValue => UnseenValue,
        ErrorCode.OutOfRange => OutOfRange,
        ErrorCode.VectorSizeMismatch => VectorSize,
        _ => InvalidValue,
    };

    /// <summary>The one switch from a kind of problem to its HTTP status and title.</summary>
    public static (int Status, string Title) Describe(string type) => type switch
    {
        BadJson => (400, "The request body is not valid JSON"),
        InvalidRequest => (400, "The request is not a valid predict request"),
        Validation => (400, "Rows were refused"),
        MissingColumn => (400, "A required input column is missing"),
        WrongType => (400, "A value does not have the column's type"),
        NullValue => (400, "A null value was refused"),
        InvalidValue => (400, "A value was refused"),
        UnseenValue => (400, "A value the model never saw was refused"),
        OutOfRange => (400, "A value is out of range"),
        VectorSize => (400, "A vector has the wrong size"),
        UnknownOutput => (400, "An output column does not exist"),
        ModelNotFound => (404, "Model not found"),
        RouteNotFound => (404, "Not found"),
        MethodNotAllowed => (405, "Method not allowed"),
        TooLarge => (413, "The request is too large"),
        UnsupportedMediaType => (415, "Unsupported content type"),
        ModelUnavailable => (503, "The model cannot be loaded now"),
        NotReady => (503, "Not ready"),
        _ => (500, "Internal error"),
    };
}
