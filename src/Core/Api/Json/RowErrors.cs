using Ember.Pipeline;

namespace Ember.Api;

/// <summary>
/// The validation problems found in a request, capped at <see cref="ApiProblems.MaxListedErrors"/>
/// listed entries (the count goes on), and the one problem type that sums them up.
/// </summary>
internal sealed class RowErrors
{
    private readonly List<ProblemError> _listed = [];
    private ErrorCode? _code;
    private bool _mixed;

    public int Count { get; private set; }

    public IReadOnlyList<ProblemError> Listed => _listed;

    public void Add(ErrorCode code, string column, string problem, int row, string? value = null, string? stage = null)
    {
        Count++;
        if (_code is null)
            _code = code;
        else if (_code != code)
            _mixed = true;
        if (_listed.Count < ApiProblems.MaxListedErrors)
            _listed.Add(new ProblemError(column, problem, value, stage, row, ProblemTypes.CodeOf(code)));
    }

    public void Add(ScoreError error, int row) => Add(error.Code, error.Column, error.Message, row, error.Value, error.Stage);

    public string ProblemType => _mixed || _code is null ? ProblemTypes.Validation : ProblemTypes.TypeOf(_code.Value);

    public string Detail(int rows)
    {
        var first = _listed[0];
        string where = rows > 1 && first.Row is int r ? $"row {r}, " : "";
        string more = Count > 1 ? $" ({Count - 1} more problem{(Count == 2 ? "" : "s")} listed in errors)" : "";
        return $"{where}column '{first.Column}': {first.Problem}{more}.";
    }

    public ApiResponse ToResponse(int rows) => ApiProblems.Create(ProblemType, Detail(rows), _listed);
}
