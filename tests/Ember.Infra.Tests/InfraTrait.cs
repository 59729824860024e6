namespace Ember.Infra.Tests;

/// <summary>Every test here carries [Trait(InfraTrait.Name, InfraTrait.Value)]: filter with Category=Infra.</summary>
internal static class InfraTrait
{
    public const string Name = "Category";
    public const string Value = "Infra";
}
