using Ember.Monitoring;
using Ember.Serving;

namespace Ember.Api;

/// <summary>
/// GET /api/models/{name}/monitor: what this instance scored for the model, per version its
/// aliases route to, against the training baseline (<see cref="MonitorHub.View"/>).
/// </summary>
internal sealed class MonitorHandler(IModelProvider models, MonitorHub? hub)
{
    public async ValueTask<ApiResponse> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (hub is null || !hub.Options.Enabled)
            return ApiProblems.Create(ProblemTypes.RouteNotFound,
                "Monitoring is off in this host (EMBER_MONITOR=off), so there is no monitor view.");
        ModelListing? listing;
        try
        {
            var all = await models.ListAsync(cancellationToken).ConfigureAwait(false);
            listing = all.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
        }
        catch (Exception ex) when (ModelResolver.Problem(ex) is { } problem)
        {
            return problem;
        }
        if (listing is null)
            return ApiProblems.Create(ProblemTypes.ModelNotFound, $"There is no model '{ApiProblems.Excerpt(name)}' in the model store.");
        return JsonResponses.Create(200, hub.View(listing.Name, listing.Aliases), EmberJsonContext.Default.ModelMonitorView);
    }
}
