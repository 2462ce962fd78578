/// <summary>The publish command whose output the sample's Dockerfile expects in its context's app/ folder.</summary>
static class SamplePublish
{
    /// <summary>Self-contained linux-x64 publish of <paramref name="project"/> into <paramref name="outputDirectory"/>.</summary>
    public static IReadOnlyList<string> Arguments(string project, string outputDirectory) =>
        ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:InvariantGlobalization=true", "-o", outputDirectory];
}
