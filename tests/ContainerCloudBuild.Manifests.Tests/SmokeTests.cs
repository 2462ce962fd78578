namespace ContainerCloudBuild.Manifests.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task Render_SampleServiceStaging_Succeeds()
    {
        var result = await new ManifestRenderer().RenderAsync(
            RenderRequest.ForService(TestPaths.Templates, TestPaths.SampleService, "staging"), TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage(string.Join("\n", result.Diagnostics));
        TestContext.Current.SendDiagnosticMessage(result.ToMultiDocumentYaml());
        Assert.True(result.Success, string.Join("\n", result.Diagnostics) + "\n" + result.ToMultiDocumentYaml());
    }
}
