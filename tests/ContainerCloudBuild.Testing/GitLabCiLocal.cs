namespace ContainerCloudBuild.Testing;

/// <summary>
/// Finds gitlab-ci-local (npm) and rsync, which it runs jobs with: <c>.ci/run</c> and, as root, <c>./build.sh Test</c>'s
/// Prerequisites install both.
/// </summary>
public static class GitLabCiLocal
{
    public const string Version = "4.60.0";

    public const string HowToInstall =
        "Install it as root with `apt-get install -y rsync && npm install -g gitlab-ci-local@" + Version + "` (Node 20), or run ./build.sh Prerequisites as root.";

    public static string? Path { get; } = Find("gitlab-ci-local");

    /// <summary>The gitlab-ci-local executable; skips the test locally (fails it in CI) when it or rsync is missing.</summary>
    public static string Require()
    {
        RequiredService.Require(Path is not null && Find("rsync") is not null, "gitlab-ci-local " + Version + " and rsync", HowToInstall);
        return Path!;
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
