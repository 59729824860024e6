namespace Ember.Pipeline;

/// <summary>The error distributions of GeneralizedLinearRegression (tweedie with power 0/1/2 resolves to gaussian/poisson/gamma).</summary>
internal enum GlmFamily { Gaussian, Binomial, Poisson, Gamma, Tweedie }

/// <summary>The link functions of GeneralizedLinearRegression; Power carries its exponent.</summary>
internal enum GlmLink { Identity, Logit, Log, Inverse, Probit, CLogLog, Sqrt, Power }

/// <summary>
/// A resolved family and link: μ = project(unlink(η)). Restates Spark's GeneralizedLinearRegression
/// FamilyAndLink.fitted, Family.project and Link.unlink (GeneralizedLinearRegression.scala).
/// </summary>
internal readonly record struct GlmFamilyLink(GlmFamily Family, GlmLink Link, double LinkPower)
{
    /// <summary>Spark's GeneralizedLinearRegression.epsilon: the clamp of positive means.</summary>
    private const double Epsilon = 1e-16;

    /// <summary>
    /// Spark's FamilyAndLink(params): family by name (tweedie with variancePower 0, 1, 2 becomes
    /// gaussian, poisson, gamma); the link param when set (non-tweedie), linkPower when set
    /// (tweedie: 0 log, 1 identity, −1 inverse, 0.5 sqrt, else power), else the family's default
    /// (tweedie: power 1 − variancePower). Null with a message for unknown names.
    /// </summary>
    public static GlmFamilyLink? Resolve(string family, string? link, double variancePower, double? linkPower, out string? error)
    {
        error = null;
        string f = family.ToLowerInvariant();
        GlmFamily resolved;
        switch (f)
        {
            case "gaussian": resolved = GlmFamily.Gaussian; break;
            case "binomial": resolved = GlmFamily.Binomial; break;
            case "poisson": resolved = GlmFamily.Poisson; break;
            case "gamma": resolved = GlmFamily.Gamma; break;
            case "tweedie":
                resolved = variancePower switch { 0.0 => GlmFamily.Gaussian, 1.0 => GlmFamily.Poisson, 2.0 => GlmFamily.Gamma, _ => GlmFamily.Tweedie };
                break;
            default:
                error = $"family '{family}' is not one of gaussian, binomial, poisson, gamma, tweedie.";
                return null;
        }
        if (f == "tweedie" && linkPower is { } p)
            return new GlmFamilyLink(resolved, FromPower(p), p);
        if (f != "tweedie" && link is not null)
        {
            GlmLink? named = link.ToLowerInvariant() switch
            {
                "identity" => GlmLink.Identity,
                "logit" => GlmLink.Logit,
                "log" => GlmLink.Log,
                "inverse" => GlmLink.Inverse,
                "probit" => GlmLink.Probit,
                "cloglog" => GlmLink.CLogLog,
                "sqrt" => GlmLink.Sqrt,
                _ => null,
            };
            if (named is null)
            {
                error = $"link '{link}' is not one of identity, logit, log, inverse, probit, cloglog, sqrt.";
                return null;
            }
            return new GlmFamilyLink(resolved, named.Value, 0.0);
        }
        return resolved switch
        {
            GlmFamily.Gaussian => new GlmFamilyLink(resolved, GlmLink.Identity, 1.0),
            GlmFamily.Binomial => new GlmFamilyLink(resolved, GlmLink.Logit, 0.0),
            GlmFamily.Poisson => new GlmFamilyLink(resolved, GlmLink.Log, 0.0),
            GlmFamily.Gamma => new GlmFamilyLink(resolved, GlmLink.Inverse, -1.0),
            // Tweedie's default link is a Power object even for powers that have a named link.
            _ => new GlmFamilyLink(resolved, GlmLink.Power, 1.0 - variancePower),
        };
    }

    private static GlmLink FromPower(double p) => p switch
    {
        0.0 => GlmLink.Log,
        1.0 => GlmLink.Identity,
        -1.0 => GlmLink.Inverse,
        0.5 => GlmLink.Sqrt,
        _ => GlmLink.Power,
    };

    /// <summary>The fitted mean μ = project(unlink(η)).</summary>
    public double Fitted(double eta) => Project(Unlink(eta));

    public double Unlink(double eta) => Link switch
    {
        GlmLink.Identity => eta,
        GlmLink.Logit => 1.0 / (1.0 + Math.Exp(-1.0 * eta)),
        GlmLink.Log => Math.Exp(eta),
        GlmLink.Inverse => 1.0 / eta,
        GlmLink.Probit => CommonsErf.StandardNormalCdf(eta),
        GlmLink.CLogLog => 1.0 - Math.Exp(-1.0 * Math.Exp(eta)),
        GlmLink.Sqrt => eta * eta,
        _ => LinkPower == 0.0 ? Math.Exp(eta) : Math.Pow(eta, 1.0 / LinkPower),
    };

    public double Project(double mu) => Family switch
    {
        GlmFamily.Gaussian => double.IsNegativeInfinity(mu) ? double.MinValue : double.IsPositiveInfinity(mu) ? double.MaxValue : mu,
        GlmFamily.Binomial => mu < Epsilon ? Epsilon : mu > 1.0 - Epsilon ? 1.0 - Epsilon : mu,
        _ => mu < Epsilon ? Epsilon : double.IsInfinity(mu) ? double.MaxValue : mu,
    };

    public override string ToString() => Link == GlmLink.Power ? $"{Family}/power({LinkPower})" : $"{Family}/{Link}";
}
