/// <summary>The publish command whose output the sample's Dockerfile expects in its context's app/ folder.</summary>
static class SamplePublish
{
    /// <summary>
    /// Framework-dependent linux-x64 publish of <paramref name="project"/> into <paramref name="outputDirectory"/>: the
    /// runtime comes from the base image's own layer, so the output (and the image layer it becomes) is only the app.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string project, string outputDirectory) =>
        ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:UseAppHost=false", "-p:InvariantGlobalization=true", "-o", outputDirectory];
}
