using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Engine.Tests.Support;

namespace ContainerCloudBuild.Engine.Tests.Output;

public sealed class RunnerOutputTests : IDisposable
{
    private readonly RunnerHarness _run = new();

    [Fact]
    public async Task Help_ListsTargetsAndParametersWithTypeDefaultAndEnvironmentName()
    {
        Assert.Equal(0, await _run.RunAsync(new SampleBuild(), "--help"));
        Assert.Contains("  Deploy     [depends on Compile]", _run.Text, StringComparison.Ordinal);
        Assert.Contains("  Compile    Compiles (default)", _run.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cleanup", _run.Text, StringComparison.Ordinal);
        Assert.Contains("  --replicas <int>\n      Replica count (default: 1; env REPLICAS)", _run.Text, StringComparison.Ordinal);
        Assert.Contains("  --stage <dev|staging|production>", _run.Text, StringComparison.Ordinal);
        Assert.Contains("(secret; env HARBOR_PASSWORD)", _run.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_PrintsTextAndMermaidAndRunsNothing()
    {
        var build = new SampleBuild { HarborPassword = "x" };
        Assert.Equal(0, await _run.RunAsync(build, "Deploy", "Cleanup", "--plan"));
        Assert.Empty(build.Ran);
        Assert.Contains("  1. Compile (dependency)", _run.Text, StringComparison.Ordinal);
        Assert.Contains("  2. Deploy (requested)  after Compile", _run.Text, StringComparison.Ordinal);
        Assert.Contains("  Compile --> Deploy", _run.Text, StringComparison.Ordinal);
        Assert.Contains("  Deploy -.-> Cleanup", _run.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_And_RunRecord_ShowEveryTargetOutcome()
    {
        var build = new SampleBuild { HarborPassword = "pw", DeployBody = _ => throw new InvalidOperationException("deploy broke") };

        Assert.Equal(1, await _run.RunAsync(build, "Deploy", "Cleanup"));

        Assert.Matches(@"Compile\s+Succeeded\s+\d+\.\d{3} s", _run.Text);
        Assert.Matches(@"Deploy\s+Failed\s+\d+\.\d{3} s", _run.Text);
        Assert.Matches(@"Cleanup\s+Succeeded", _run.Text);
        Assert.Contains("Build failed.", _run.Output.Lines);
        var record = RunRecord.FromJson(File.ReadAllText(_run.Root.Combine(".nuke", "temp", "last-run.json")))!;
        Assert.Equal(1, record.ExitCode);
        Assert.Equal(["Compile", "Deploy", "Cleanup"], record.Targets.Select(t => t.Name));
        Assert.Equal("deploy broke", record.Targets[1].Message);
        Assert.Equal("1", record.Parameters["Replicas"]);
    }

    [Fact]
    public async Task RunRecord_Targets_StartOffsetsInRunOrder_NoneForSkipped()
    {
        var build = new SampleBuild { HarborPassword = "pw", DeployBody = _ => Thread.Sleep(20) };

        Assert.Equal(0, await _run.RunAsync(build, "Deploy", "--skip", "Compile"));

        var record = RunRecord.FromJson(File.ReadAllText(_run.Root.Combine(".nuke", "temp", "last-run.json")))!;
        var compile = record.Targets.Single(t => t.Name == "Compile");
        var deploy = record.Targets.Single(t => t.Name == "Deploy");
        Assert.Equal((TargetOutcome.Skipped, null), (compile.Outcome, compile.StartOffsetMs));
        // The record rounds offsets and durations to 0.1 ms, so together they may exceed the run by up to 0.1 ms (CI: 1.1 > 1.0925).
        Assert.InRange(deploy.StartOffsetMs!.Value, 0, (record.FinishedAt - record.StartedAt).TotalMilliseconds - deploy.DurationMs + 0.1);
        Assert.True(deploy.DurationMs >= 20, $"Deploy took {deploy.DurationMs} ms");
    }

    [Fact]
    public async Task RunRecord_EventsAddedInATarget_NameThatTargetAndKeepTypedPayloads()
    {
        var build = new SampleBuild { HarborPassword = "pw" };
        build.DeployBody = _ =>
        {
            build.Context!.Events.Add("step", "deployed");
            build.Context.Events.Record("step.result", "hello v2", new StepPayload("hello", 2));
        };

        Assert.Equal(0, await _run.RunAsync(build, "Deploy"));

        var json = File.ReadAllText(_run.Root.Combine(".nuke", "temp", "last-run.json"));
        var record = RunRecord.FromJson(json)!;
        Assert.Equal([("Deploy", "step"), ("Deploy", "step.result")], record.Events.Select(e => (e.Target, e.Kind)));
        Assert.Null(record.Events[0].Payload);
        Assert.Matches(@"""payload"": \{\s*""app"": ""hello"",\s*""attempt"": 2\s*\}", json);
    }

    private sealed record StepPayload(string App, int Attempt);

    [Fact]
    public async Task Cancellation_ExitCode130_CleanupRuns()
    {
        using var cts = new CancellationTokenSource();
        var build = new SampleBuild
        {
            HarborPassword = "pw",
            DeployBody = ct => { cts.Cancel(); ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)); ct.ThrowIfCancellationRequested(); },
        };

        Assert.Equal(130, await _run.RunAsync(build, cts.Token, "Deploy", "Cleanup"));
        Assert.Equal(["Compile", "Deploy", "Cleanup"], build.Ran);
        Assert.Matches(@"Deploy\s+Cancelled", _run.Text);
        Assert.Contains("Build cancelled.", _run.Output.Lines);
    }

    [Fact]
    public async Task UnknownVerbosity_IsAUsageError()
    {
        Assert.Equal(2, await _run.RunAsync(new SampleBuild(), "--verbosity", "loud"));
        Assert.Contains("--verbosity 'loud' is not one of quiet, minimal, normal, verbose.", _run.Output.Lines);
    }

    [Fact]
    public async Task QuietVerbosity_HidesTargetOutputButKeepsSummary()
    {
        var build = new SampleBuild { HarborPassword = "pw", DeployBody = _ => { } };
        await _run.RunAsync(build, "Compile", "--verbosity", "quiet");
        Assert.DoesNotContain("── Compile ──", _run.Text, StringComparison.Ordinal);
        Assert.Contains("Build succeeded.", _run.Output.Lines);
    }

    public void Dispose() => _run.Dispose();
}
