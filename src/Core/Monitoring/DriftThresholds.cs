namespace Ember.Monitoring;

/// <summary>
/// When drift is reported. PSI bands are the usual credit-scoring ones (below 0.1 stable, 0.1 to
/// 0.25 a moderate shift worth a look, above 0.25 a significant shift); the JS distance bands
/// (base 2) 0.1 and 0.2 sit where a PSI of 0.1 and 0.25 land for typical categorical shifts.
/// Documented in docs/monitoring.md.
/// </summary>
public static class DriftThresholds
{
    public const double PsiWarn = 0.1;
    public const double PsiDrift = 0.25;
    public const double JsWarn = 0.1;
    public const double JsDrift = 0.2;

    /// <summary>Below this many live rows a column reads "insufficient": PSI over 10 bins has noise of roughly 9/n.</summary>
    public const long MinRows = 100;

    public const string Ok = "ok";
    public const string Warn = "warn";
    public const string Drift = "drift";
    public const string Insufficient = "insufficient";
    public const string NoBaseline = "no-baseline";

    /// <summary>The level for a column: the worse of its PSI and JS readings.</summary>
    public static string Level(long rows, double? psi, double? js)
    {
        if (psi is null && js is null)
            return NoBaseline;
        if (rows < MinRows)
            return Insufficient;
        if (psi > PsiDrift || js > JsDrift)
            return Drift;
        if (psi > PsiWarn || js > JsWarn)
            return Warn;
        return Ok;
    }
}
