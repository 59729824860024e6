using Ember.Serving;
using Ember.Storage;

namespace Ember.Api;

/// <summary>
/// Turns ?version= / ?alias= and a model name into a served model, or into the problem that
/// explains why not (400 for a bad query, 404 unknown model/version/alias, 503 cannot load now).
/// </summary>
internal static class ModelResolver
{
    /// <summary>A store that fails without saying when to come back: ask the client to retry soon.</summary>
    private static readonly TimeSpan StoreRetryAfter = TimeSpan.FromSeconds(5);

    public static async ValueTask<(ServedModel? Model, ApiResponse? Problem)> ResolveAsync(
        IModelProvider models, string name, ApiRequest request, CancellationToken cancellationToken)
    {
        string? version = request.QueryValue("version");
        string? alias = request.QueryValue("alias");
        if (version is not null && alias is not null)
            return (null, ApiProblems.Create(ProblemTypes.InvalidRequest, "Give either ?version= or ?alias=, not both."));
        if (version is { Length: 0 } || alias is { Length: 0 })
            return (null, ApiProblems.Create(ProblemTypes.InvalidRequest, "?version= and ?alias= need a value."));
        try
        {
            var model = await models.GetAsync(new ModelRequest(name, version, alias, request.Header("Ember-Routing-Key")), cancellationToken).ConfigureAwait(false);
            return (model, null);
        }
        catch (Exception ex) when (Problem(ex) is { } problem)
        {
            return (null, problem);
        }
    }

    /// <summary>The answer for a provider or store failure; null for anything else (a bug).</summary>
    public static ApiResponse? Problem(Exception ex) => ex switch
    {
        ModelNotFoundException nf => ApiProblems.Create(ProblemTypes.ModelNotFound, nf.Message),
        ModelUnavailableException un => ApiProblems.Unavailable(un.Message, un.RetryAfter),
        ObjectStoreException { Kind: ObjectStoreErrorKind.InvalidKey } bad => ApiProblems.Create(ProblemTypes.ModelNotFound, bad.Message),
        ObjectStoreException store => ApiProblems.Unavailable(store.Message, StoreRetryAfter),
        _ => null,
    };
}
