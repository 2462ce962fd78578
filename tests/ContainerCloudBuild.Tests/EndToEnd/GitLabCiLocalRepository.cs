using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>
/// A throw-away build repository that generates its <c>.gitlab-ci.yml</c>, is committed with git and is run by
/// gitlab-ci-local with the shell executor, each job in its own copy of the repository.
/// </summary>
internal sealed class GitLabCiLocalRepository(TempDirectory repo, TimeSpan timeout)
{
    /// <summary>Runs a program in the repository and waits for it (within the timeout).</summary>
    public async Task<ShellRun> RunAsync(string fileName, params string[] args)
    {
        var run = ShellRun.Start(repo.Path, null, fileName, args);
        await run.WaitAsync(timeout);
        return run;
    }

    /// <summary>Makes the folder a git repository on <c>main</c> with everything committed (gitlab-ci-local copies commits).</summary>
    public async Task CommitAllAsync()
    {
        await GitAsync("init", "-q", "-b", "main");
        await GitAsync("add", "-A");
        await GitAsync("-c", "user.name=ci", "-c", "user.email=ci@example.invalid", "commit", "-q", "-m", "generated pipeline");
    }

    /// <summary>
    /// Runs the pipeline. The jobs restore into this machine's NuGet cache (the file's NUGET_PACKAGES is a folder inside each
    /// job's copy, which a runner caches): the build project's references then restore as they already are.
    /// </summary>
    public Task<ShellRun> RunPipelineAsync(string gitlabCiLocal, params string[] variables) =>
        RunAsync(gitlabCiLocal, [
            "--force-shell-executor", "--shell-isolation", "--variable", "GITLAB_CI=true",
            .. variables.SelectMany(v => new[] { "--variable", v }),
            "--variable", $"NUGET_PACKAGES={NuGetPackagesFolder}"]);

    /// <summary>
    /// The packages folder exactly as NuGet names it outside the pipeline (the default ends with a separator): any other
    /// spelling changes the restore of this repository's projects, which then compile again, in the job and after it.
    /// </summary>
    private static string NuGetPackagesFolder => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages") + Path.DirectorySeparatorChar;

    private async Task GitAsync(params string[] args)
    {
        using var git = await RunAsync("git", args);
        Assert.True(git.Process.ExitCode == 0, $"git {string.Join(' ', args)}: {git.Output}");
    }
}
