namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>
/// Files the sample carries as the ccb-service template would write them for a project named HelloService (the template's
/// sourceName CcbService becomes the project's name). A generated project cannot reference samples/, so the template keeps
/// the original and the sample a copy; this test keeps them from drifting apart.
/// </summary>
public sealed class SampleTemplateFilesTests
{
    [Theory]
    [InlineData("RequestMetrics.cs")]
    public void SampleFile_ComparedWithTemplate_IsTheGeneratedText(string file)
    {
        var template = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "templates", "ccb-service", "src", "CcbService", file));
        var sample = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "hello-service", file));

        Assert.Equal(template.Replace("CcbService", "HelloService", StringComparison.Ordinal), sample);
    }
}
