using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Manifests.Tests;

/// <summary>Renders the shipped templates or a throw-away template folder with inline values.</summary>
internal static class RenderHelper
{
    public const string MinimalDefaults = "name: demo\nport: 8080\nlabels: {}\n";

    /// <summary>Renders the shipped templates with the small case plus <paramref name="values"/> as a second layer.</summary>
    public static async Task<RenderResult> RenderShippedAsync(TempDirectory temp, string values, params string[] set)
    {
        var file = temp.WriteFile("values.yaml", values);
        return await new ManifestRenderer().RenderAsync(new RenderRequest(TestPaths.Templates)
        {
            ValuesFiles = [Path.Combine(TestPaths.Cases, "small.yaml"), file],
            SetOverrides = set,
        }, TestContext.Current.CancellationToken);
    }

    /// <summary>Renders a folder holding <paramref name="templates"/> (name → text) and defaults.</summary>
    public static async Task<RenderResult> RenderCustomAsync(TempDirectory temp, IDictionary<string, string> templates, string defaults = MinimalDefaults)
    {
        temp.WriteFile("tpl/defaults.yaml", defaults);
        foreach (var (name, text) in templates)
            temp.WriteFile("tpl/" + name, text);
        return await new ManifestRenderer().RenderAsync(new RenderRequest(temp.Combine("tpl")), TestContext.Current.CancellationToken);
    }

    public static ManifestDiagnostic Single(RenderResult result, string code)
    {
        Assert.False(result.Success);
        return Assert.Single(result.Diagnostics, d => d.Code == code);
    }
}
