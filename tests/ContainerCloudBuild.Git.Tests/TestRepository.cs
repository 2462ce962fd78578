using System.Diagnostics;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Git.Tests;

/// <summary>A real git repository in a temp folder, driven with the git CLI.</summary>
internal sealed class TestRepository : IDisposable
{
    private readonly TempDirectory _directory = new("ccb-git");
    private int _counter;

    public TestRepository()
    {
        Git("init", "--quiet", "--initial-branch=main");
    }

    public string Path => _directory.Path;

    public static void RequireGit() =>
        RequiredService.Require(File.Exists("/usr/bin/git") || File.Exists("/usr/local/bin/git"), "git CLI", "Install it with 'apt-get install git'.");

    /// <summary>Writes a file and commits it; returns the new commit's sha.</summary>
    public string Commit(string message = "change")
    {
        _counter++;
        _directory.WriteFile($"file{_counter}.txt", $"content {_counter}\n");
        Git("add", "--all");
        Git("commit", "--quiet", "-m", message);
        return Git("rev-parse", "HEAD");
    }

    public void Write(string relativePath, string content) => _directory.WriteFile(relativePath, content);

    public string Git(params string[] args) => Run(Path, args);

    public static string Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var setting in new[] { "user.name=Test", "user.email=test@example.invalid", "commit.gpgsign=false", "tag.gpgsign=false", "protocol.file.allow=always" })
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(setting);
        }
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {error}");
        return output.Trim();
    }

    public void Dispose() => _directory.Dispose();
}
