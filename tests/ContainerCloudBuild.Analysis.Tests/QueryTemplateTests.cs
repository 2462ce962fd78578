using ContainerCloudBuild.Analysis.Templating;

namespace ContainerCloudBuild.Analysis.Tests;

public class QueryTemplateTests
{
    [Fact]
    public void Render_KnownArgs_Substitutes()
    {
        var args = new Dictionary<string, string> { ["app"] = "shop", ["revision"] = "r2", ["interval"] = "30s" };
        var query = QueryTemplate.Render("rate(x{app=\"{{app}}\",rev=\"{{ revision }}\"}[{{interval}}])", args);
        Assert.Equal("rate(x{app=\"shop\",rev=\"r2\"}[30s])", query);
    }

    [Fact]
    public void Render_ValueWithQuotes_IsEscapedForPromQl()
    {
        var args = new Dictionary<string, string> { ["app"] = "a\"} or vector(1) or x{y=\"\\" };
        var query = QueryTemplate.Render("x{app=\"{{app}}\"}", args);
        Assert.Equal("x{app=\"a\\\"} or vector(1) or x{y=\\\"\\\\\"}", query);
    }

    [Fact]
    public void Render_UnknownPlaceholder_ThrowsNamingItAndKnownArgs()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() =>
            QueryTemplate.Render("x{a=\"{{revison}}\"}", new Dictionary<string, string> { ["revision"] = "r1" }));
        Assert.Contains("revison", ex.Message, StringComparison.Ordinal);
        Assert.Contains("known: revision", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30_000, "30s")]
    [InlineData(1_000, "1s")]
    [InlineData(1_500, "1500ms")]
    [InlineData(120_000, "120s")]
    public void FormatDuration_Window_IsPrometheusDuration(int ms, string expected) =>
        Assert.Equal(expected, QueryTemplate.FormatDuration(TimeSpan.FromMilliseconds(ms)));
}
