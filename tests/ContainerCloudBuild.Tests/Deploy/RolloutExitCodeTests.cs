using ContainerCloudBuild.Tests.Deploy.Support;
using ContainerCloudBuild.Tests.EndToEnd;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary>The README's exit-code table, checked by running the rollout targets of the README's build as processes.</summary>
[Collection(DeployRepositoryCollection.Name)]
public sealed class RolloutExitCodeTests(DeployRepositoryFixture repository)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deploy_UnknownStrategy_ExitCode2NamingTheChoices()
    {
        using var run = await repository.BuildAsync("Deploy", "--service", "services/none", "--strategy", "sideways");

        Assert.Equal(2, run.Process.ExitCode);
        Assert.Contains("Parameter 'Strategy' (--strategy) from the command line: 'sideways' is not one of blue-green|canary|rolling.", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("BlueGreen", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeployAndAbort_HealthGateFailsThenCanaryAborted_ExitCodesOfTheTableWithTheReasonFirst()
    {
        DeployRepositoryFixture.RequireStack();
        var service = repository.WriteService("exit", "  strategy: canary\n  canarySteps:\n    - setWeight: 50\n    - pauseUntilPromoted: true");
        var v1 = await repository.ImageAsync(service, "exit-v1", healthy: true, Ct);
        var broken = await repository.ImageAsync(service, "exit-broken", healthy: false, Ct);
        var v2 = await repository.ImageAsync(service, "exit-v2", healthy: true, Ct);
        using var http = new HttpClient();

        using (var first = await repository.BuildAsync("Deploy", "--service", service.Folder, "--deploy-image", v1, "--strategy", "blue-green"))
            Assert.True(first.Process.ExitCode == 0, first.Output);

        using (var unhealthy = await repository.BuildAsync("Deploy", "--service", service.Folder, "--deploy-image", broken, "--set", "probes.readiness.failureThreshold=2"))
        {
            Assert.Equal(1, unhealthy.Process.ExitCode);
            Assert.StartsWith("Deploy failed:", FirstLine(unhealthy.StandardError), StringComparison.Ordinal);
            Assert.Contains("never became healthy", FirstLine(unhealthy.StandardError), StringComparison.Ordinal);
            Assert.Contains("(rollout phase: Failed)", unhealthy.StandardError, StringComparison.Ordinal); // after the candidate's last log lines
            Assert.DoesNotContain("   at ", unhealthy.StandardError, StringComparison.Ordinal); // an expected failure: no stack trace
            var report = await File.ReadAllTextAsync(Path.Combine(repository.Root, ".nuke", "temp", "report.html"), Ct);
            Assert.Matches("(?s)id=\"failure\">.*never became healthy.*id=\"timeline\".*rollout-verdict failed\">Failed<", report);
        }
        Assert.Equal("exit-v1", (await http.GetStringAsync(service.VersionUrl, Ct)).Trim());

        using var canary = await repository.StartAsync("Deploy", "--service", service.Folder, "--deploy-image", v2);
        await canary.WaitForOutputAsync("Paused", TimeSpan.FromMinutes(2));
        using (var abort = await repository.BuildAsync("Abort", "--service", service.Folder))
        {
            Assert.True(abort.Process.ExitCode == 0, abort.Output);
            Assert.Contains("Abort applied by the running process", abort.StandardOutput, StringComparison.Ordinal);
            Assert.Equal("", abort.StandardError.Trim());
        }
        await canary.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, canary.Process.ExitCode);
        Assert.Contains("aborted from the command line", FirstLine(canary.StandardError), StringComparison.Ordinal);
        Assert.Contains("(rollout phase: Aborted)", FirstLine(canary.StandardError), StringComparison.Ordinal);
        Assert.Equal("exit-v1", (await http.GetStringAsync(service.VersionUrl, Ct)).Trim());

        using var nothing = await repository.BuildAsync("Abort", "--service", service.Folder);
        Assert.Equal(1, nothing.Process.ExitCode);
        Assert.StartsWith("Abort failed:", FirstLine(nothing.StandardError), StringComparison.Ordinal);
        Assert.Contains("in progress", FirstLine(nothing.StandardError), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_DuringTheScaleDownDelayThenAfterIt_ExitCode0Then1WithWhy()
    {
        DeployRepositoryFixture.RequireStack();
        var service = repository.WriteService("undo", "  strategy: blue-green");
        var v1 = await repository.ImageAsync(service, "undo-v1", healthy: true, Ct);
        var v2 = await repository.ImageAsync(service, "undo-v2", healthy: true, Ct);
        using var http = new HttpClient();
        using (var first = await repository.BuildAsync("Deploy", "--service", service.Folder, "--deploy-image", v1))
            Assert.True(first.Process.ExitCode == 0, first.Output);

        using var switched = await repository.StartAsync("Deploy", "--service", service.Folder, "--deploy-image", v2, "--set", "rollout.scaleDownDelaySeconds=60");
        await switched.WaitForOutputAsync("Switched", TimeSpan.FromMinutes(2));
        Assert.Equal("undo-v2", (await http.GetStringAsync(service.VersionUrl, Ct)).Trim());
        using (var undo = await repository.BuildAsync("Undo", "--service", service.Folder))
        {
            Assert.True(undo.Process.ExitCode == 0, undo.Output);
            Assert.Equal("", undo.StandardError.Trim());
        }
        Assert.Equal("undo-v1", (await http.GetStringAsync(service.VersionUrl, Ct)).Trim());
        await switched.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, switched.Process.ExitCode);
        Assert.Contains("was undone", FirstLine(switched.StandardError), StringComparison.Ordinal);

        using (var completed = await repository.BuildAsync("Deploy", "--service", service.Folder, "--deploy-image", v2, "--set", "rollout.scaleDownDelaySeconds=1"))
            Assert.True(completed.Process.ExitCode == 0, completed.Output);
        using var late = await repository.BuildAsync("Undo", "--service", service.Folder);
        Assert.Equal(1, late.Process.ExitCode);
        Assert.StartsWith("Undo failed:", FirstLine(late.StandardError), StringComparison.Ordinal);
        Assert.Equal("undo-v2", (await http.GetStringAsync(service.VersionUrl, Ct)).Trim());
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";
}
