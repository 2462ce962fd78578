using ContainerCloudBuild.Tests.EndToEnd;

namespace ContainerCloudBuild.Tests.Deploy.Support;

/// <summary>Code the README shows, read from between its markers so the README and the tests cannot drift apart.</summary>
public static class ReadmeSnippet
{
    public const string StartMarker = "<!-- deploy-build:start";
    public const string EndMarker = "<!-- deploy-build:end -->";

    /// <summary>The C# of the README's "build for a new service" (the fenced block between the deploy-build markers).</summary>
    public static string DeployBuild()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var start = readme.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = readme.IndexOf(EndMarker, StringComparison.Ordinal);
        if (start < 0 || end < start)
            throw new InvalidOperationException($"README.md has no '{StartMarker} ...' ... '{EndMarker}' block.");
        var block = readme[start..end];
        var open = block.IndexOf("```csharp", StringComparison.Ordinal);
        var close = block.LastIndexOf("```", StringComparison.Ordinal);
        if (open < 0 || close <= open)
            throw new InvalidOperationException("The deploy-build block of README.md holds no ```csharp fence.");
        var code = block[(open + "```csharp".Length)..close];
        return code.Trim('\r', '\n') + "\n";
    }
}
