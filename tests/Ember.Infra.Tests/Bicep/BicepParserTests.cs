using Xunit;

namespace Ember.Infra.Tests.Bicep;

/// <summary>The small Bicep reader the template checks rely on: it must not be fooled by strings or comments.</summary>
[Trait(InfraTrait.Name, InfraTrait.Value)]
public sealed class BicepParserTests
{
    private const string Sample = """
        // appSettings: [ { name: 'IN_A_COMMENT' } ]
        /* param hidden string */
        @description('The prefix, it\'s short')
        @minLength(3)
        param prefix string = 'x'

        @allowed([
          1
          2
        ])
        param size int

        var braces = '${prefix}{not an object}${concat('a}', '{')}'
        var extra = [
          {
            name: 'FROM_VAR'
            value: braces
          }
        ]

        resource site 'Microsoft.Web/sites@2024-04-01' = {
          name: 'site'
          properties: {
            siteConfig: {
              appSettings: concat([
                { name: 'INLINE_ONE', value: '}' }
                {
                  name: 'INLINE_TWO'
                  value: '''
        multi-line { ]
        '''
                }
              ], extra)
            }
          }
        }

        @description('Where it is.')
        output url string = 'https://${site.properties.defaultHostName}/api'
        """;

    [Fact]
    public void Parse_ReadsParametersWithDescriptionsAndDefaults()
    {
        var template = BicepTemplate.Parse(Sample);
        Assert.Collection(
            template.Parameters,
            p => { Assert.Equal("prefix", p.Name); Assert.Equal("string", p.Type); Assert.True(p.HasDefault); Assert.Equal("The prefix, it's short", p.Description); },
            p => { Assert.Equal("size", p.Name); Assert.Equal("int", p.Type); Assert.False(p.HasDefault); Assert.Null(p.Description); });
    }

    [Fact]
    public void AppSettings_FollowsVariables_AndIgnoresCommentsAndStringContents()
    {
        var template = BicepTemplate.Parse(Sample);
        Assert.Equal(["INLINE_ONE", "INLINE_TWO", "FROM_VAR"], template.AppSettings().Select(s => s.Name));
    }

    [Fact]
    public void Outputs_KeepTheirValueExpression()
    {
        var template = BicepTemplate.Parse(Sample);
        var output = Assert.Single(template.Outputs);
        Assert.Equal("url", output.Name);
        Assert.Equal("Where it is.", output.Description);
        Assert.Equal(BicepTokenKind.String, Assert.Single(output.Value).Kind);
    }

    [Fact]
    public void AppSettings_WithAComputedName_IsAnError()
    {
        const string text = "resource s 'x@1' = {\n  appSettings: [\n    {\n      name: '${p}_X'\n      value: 1\n    }\n  ]\n}\n";
        var error = Assert.Throws<FormatException>(() => BicepTemplate.Parse(text).AppSettings());
        Assert.Contains("plain string literal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedString_IsAnErrorNamingTheLine()
    {
        var error = Assert.Throws<FormatException>(() => BicepTemplate.Parse("param a string\nvar b = 'oops\n"));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InterpolatedStrings_ExposeTheIdentifiersTheyUse()
    {
        var template = BicepTemplate.Parse(Sample);
        var braces = Assert.Single(template.Variable("braces"));
        Assert.Null(braces.Text);
        Assert.Contains(braces.SelfAndNested(), t => t.IsIdentifier("prefix"));
        Assert.Contains(braces.SelfAndNested(), t => t.IsIdentifier("concat"));
        Assert.Equal("'${prefix}{not an object}${concat('a}', '{')}'", braces.ToString());
    }
}
