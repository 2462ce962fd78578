using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Git;

/// <summary>The packages' version: the one GitVersionCalculator computes for the checkout (nearest v* tag, height).</summary>
static class PackageVersion
{
    public static string FromGit(string rootDirectory, BuildContext context)
    {
        var source = GitSourceReader.Read(rootDirectory, context.Environment);
        foreach (var note in source.Notes) context.Console.Info("git: " + note);
        return source.Version;
    }
}
