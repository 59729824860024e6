using Ember.Bundles;
using Ember.Serving;

namespace Ember.Api;

/// <summary>GET /api/models and GET /api/models/{name}.</summary>
internal sealed class ModelsHandler(IModelProvider models)
{
    public async ValueTask<ApiResponse> ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            var list = await models.ListAsync(cancellationToken).ConfigureAwait(false);
            return JsonResponses.Create(200, new ModelList(list), EmberJsonContext.Default.ModelList);
        }
        catch (Exception ex) when (ModelResolver.Problem(ex) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>Versions and aliases from the store; schema, stages and examples of the version predict would serve (this loads it).</summary>
    public async ValueTask<ApiResponse> GetAsync(string name, ApiRequest request, CancellationToken cancellationToken)
    {
        var (served, problem) = await ModelResolver.ResolveAsync(models, name, request, cancellationToken).ConfigureAwait(false);
        if (served is null)
            return problem!;
        ModelListing? listing;
        try
        {
            var all = await models.ListAsync(cancellationToken).ConfigureAwait(false);
            listing = all.FirstOrDefault(m => string.Equals(m.Name, served.Name, StringComparison.Ordinal));
        }
        catch (Exception ex) when (ModelResolver.Problem(ex) is { } listProblem)
        {
            return listProblem;
        }
        var description = PipelineDescription.Of(served.Model, served.Pipeline);
        var details = new ModelDetails(
            served.Name,
            listing?.Versions ?? [served.Version],
            listing?.Aliases ?? [],
            served.Version,
            description.SparkVersion,
            served.Manifest?.Description,
            description.Inputs,
            description.Outputs,
            description.Stages,
            served.Manifest?.Examples ?? (IReadOnlyList<BundleExample>)[]);
        return JsonResponses.Create(200, details, EmberJsonContext.Default.ModelDetails, ModelHeaders.Of(served));
    }
}
