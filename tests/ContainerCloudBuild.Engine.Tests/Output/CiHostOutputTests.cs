using ContainerCloudBuild.Engine.Tests.Support;

namespace ContainerCloudBuild.Engine.Tests.Output;

/// <summary>What a failing run prints on Jenkins and GitHub Actions: the host's grouping, masking and the exit code.</summary>
public sealed class CiHostOutputTests : IDisposable
{
    private const string Password = "jenkins-Pa55-0815";
    private readonly RunnerHarness _run = new();

    private static SampleBuild FailingDeploy() => new() { DeployBody = _ => throw new InvalidOperationException($"push refused for robot:{Password}") };

    [Fact]
    public async Task Jenkins_FailingTarget_BannersPerTargetMaskedMessageAndExitCode1()
    {
        _run.Environment["JENKINS_URL"] = "http://127.0.0.1:8080/";
        _run.Environment["HARBOR_PASSWORD"] = Password;

        Assert.Equal(BuildRunner.ExitFailure, await _run.RunAsync(FailingDeploy(), "Deploy"));

        Assert.Contains("on Jenkins", _run.Text, StringComparison.Ordinal);
        Assert.Contains("[Pipeline] { (Compile)", _run.Output.Lines);
        Assert.Contains("[Pipeline] { (Deploy)", _run.Output.Lines);
        Assert.Equal(_run.Output.Lines.Count(l => l.StartsWith("[Pipeline] { (", StringComparison.Ordinal)), _run.Output.Lines.Count(l => l == "[Pipeline] }"));
        Assert.Contains("push refused for robot:***", _run.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, _run.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHubActions_FailingTarget_MasksWithHostAndEngineAndExitCode1()
    {
        _run.Environment["GITHUB_ACTIONS"] = "true";
        _run.Environment["HARBOR_PASSWORD"] = Password;

        Assert.Equal(BuildRunner.ExitFailure, await _run.RunAsync(FailingDeploy(), "Deploy"));

        Assert.Equal($"::add-mask::{Password}", Assert.Single(_run.Output.Lines, l => l.Contains(Password, StringComparison.Ordinal)));
        Assert.Contains("::group::Deploy", _run.Output.Lines);
        Assert.Equal(_run.Output.Lines.Count(l => l.StartsWith("::group::", StringComparison.Ordinal)), _run.Output.Lines.Count(l => l == "::endgroup::"));
        Assert.Contains("push refused for robot:***", _run.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jenkins_UsageError_ExitCode2WithoutRunningAnything()
    {
        _run.Environment["JENKINS_URL"] = "http://127.0.0.1:8080/";
        var build = new SampleBuild();

        Assert.Equal(BuildRunner.ExitUsage, await _run.RunAsync(build, "NoSuchTarget"));

        Assert.Empty(build.Ran);
    }

    public void Dispose() => _run.Dispose();
}
