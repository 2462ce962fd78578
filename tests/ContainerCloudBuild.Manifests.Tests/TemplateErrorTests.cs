using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Manifests.Tests;

public sealed class TemplateErrorTests
{
    private const string ConfigMapHead = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\ndata:\n";

    [Fact]
    public async Task Render_UndefinedVariable_ReportsTemplateLineAndColumn()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["cm.scriban"] = ConfigMapHead + "  a: {{ valuez.name }}\n",
        });

        var d = RenderHelper.Single(result, DiagnosticCodes.TemplateRuntime);
        Assert.Equal("cm.scriban:6:9: error TPL002: The variable or function `valuez` was not found", d.ToString());
    }

    [Fact]
    public async Task Render_UndefinedValuesKey_ReportsTemplateLocationAndKnownKeys()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["cm.scriban"] = ConfigMapHead + "  a: {{ values.prot | quote }}\n",
        });

        var d = RenderHelper.Single(result, DiagnosticCodes.TemplateRuntime);
        Assert.Equal("cm.scriban:6:16: error TPL002: `values.prot` is not defined. Known keys of `values`: name, port, labels. Fix the name or add the key to defaults.yaml.", d.ToString());
    }

    [Fact]
    public async Task Render_SyntaxError_ReportsTemplateLineAndColumn()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["cm.scriban"] = ConfigMapHead + "{{ if values.name }}\n  a: b\n",
        });

        Assert.False(result.Success);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.TemplateSyntax, d.Code);
        Assert.Equal(("cm.scriban", 6), (d.File, d.Line));
        Assert.Contains("end", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_RequiredValueMissing_ReportsMessageAndLocation()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["cm.scriban"] = ConfigMapHead + "  a: {{ values.labels.team | required \"labels.team: set the owning team\" }}\n",
        }, "name: demo\nport: 1\nlabels: {team: \"\"}\n");

        var d = RenderHelper.Single(result, DiagnosticCodes.TemplateRuntime);
        Assert.Equal("cm.scriban:6:30: error TPL002: required value missing: labels.team: set the owning team", d.ToString());
    }

    [Fact]
    public async Task Render_InfiniteLoop_StopsAtLoopLimit()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["cm.scriban"] = ConfigMapHead + "{{ while true }}x{{ end }}\n",
        });

        var d = RenderHelper.Single(result, DiagnosticCodes.TemplateRuntime);
        Assert.Equal(("cm.scriban", 6, 4), (d.File, d.Line, d.Column));
        Assert.Contains("loop", d.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("1000", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_UnboundedRecursion_StopsAtRecursionLimit()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["cm.scriban"] = ConfigMapHead + "{{ func f(n)\n  ret f(n + 1)\nend\nf 1 }}\n",
        });

        var d = RenderHelper.Single(result, DiagnosticCodes.TemplateRuntime);
        Assert.Equal("cm.scriban", d.File);
        Assert.Contains("recursive", d.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("../secrets.scriban")]
    [InlineData("/etc/passwd")]
    [InlineData("nested/part.scriban")]
    [InlineData("missing.scriban")]
    public async Task Render_IncludeOutsideTemplatesFolder_IsRefused(string path)
    {
        using var temp = new TempDirectory();
        temp.WriteFile("secrets.scriban", "top secret");
        temp.WriteFile("tpl/nested/part.scriban", "nested");
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["_part.scriban"] = "  p: ok\n",
            ["cm.scriban"] = ConfigMapHead + $"{{{{ include \"{path}\" }}}}\n",
        });

        var d = RenderHelper.Single(result, DiagnosticCodes.TemplateRuntime);
        Assert.Equal($"cm.scriban:6:4: error TPL002: include '{path}' is not allowed: includes must name a template file directly in the templates folder (_part.scriban, cm.scriban).", d.ToString());
    }

    [Fact]
    public async Task Render_IncludeOfPartial_Works()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["_part.scriban"] = "  p: {{ values.name | quote }}\n",
            ["cm.scriban"] = ConfigMapHead + "{{ include \"_part.scriban\" }}",
        });

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal(ConfigMapHead + "  p: demo\n", Assert.Single(result.Documents).Yaml);
    }

    [Fact]
    public async Task Render_MissingDefaults_IsReported()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("tpl/cm.scriban", ConfigMapHead);
        var result = await new ManifestRenderer().RenderAsync(new RenderRequest(temp.Combine("tpl")), TestContext.Current.CancellationToken);

        var d = RenderHelper.Single(result, DiagnosticCodes.TemplatesMissing);
        Assert.StartsWith("'defaults.yaml' is missing in '", d.Message, StringComparison.Ordinal);
    }
}
