using k8s;
using ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;
using static ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support.FakeClusterNamespace;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests;

/// <summary>The Kubernetes workload driver on its own: slots, exits read from pod status, the switch refused before a slot is available.</summary>
public sealed class WorkloadDriverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetExit_SlotPodsCrash_ReportsExitCodeRestartsAndLastLogLines()
    {
        await using var cluster = await StartAsync(Ct);
        cluster.Api.Behaviour.For(cluster.Namespace, Image("v1")).CrashLoop(2, "starting", "fatal: port in use");
        var driver = cluster.Target().Driver;

        var started = await driver.StartAsync(App, "v1", Workload("v1", replicas: 1), Ct);
        WorkloadExit? exit = null;
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while ((exit = await driver.GetExitAsync(App, "v1", Ct)) is null && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(50, Ct);

        Assert.Equal("v1", started.Revision);
        Assert.NotNull(exit);
        Assert.Equal(2, exit.ExitCode);
        Assert.Contains("fatal: port in use", exit.LastLogs);
        Assert.Contains("exit", exit.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetExit_SlotDeleted_SaysItIsGone()
    {
        await using var cluster = await StartAsync(Ct);
        var driver = cluster.Target().Driver;

        var exit = await driver.GetExitAsync(App, "v9", Ct);

        Assert.NotNull(exit);
        Assert.False(exit.Exists);
    }

    [Fact]
    public async Task SetWeights_SlotNotYetAvailable_SwitchIsRefusedAndActiveServiceKeepsItsRevision()
    {
        await using var cluster = await StartAsync(Ct);
        var target = cluster.Target();
        Assert.True((await target.Controller.DeployBlueGreenAsync(BlueGreenTo("v1"), Ct)).Succeeded);
        cluster.Api.Behaviour.For(cluster.Namespace, Image("v2")).ReadyAfter(TimeSpan.FromSeconds(30));
        await target.Driver.StartAsync(App, "v2", Workload("v2"), Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => target.Router.SetWeightsAsync(App, new Dictionary<string, int> { ["v2"] = 100, ["v1"] = 0 }, Ct));

        Assert.Contains("0 of 2 replicas available", error.Message, StringComparison.Ordinal);
        Assert.Equal("v1", await cluster.ActiveRevisionAsync(Ct));
        await Assert.ThrowsAsync<NotSupportedException>(() => target.Router.SetWeightsAsync(App, new Dictionary<string, int> { ["v2"] = 20 }, Ct));
    }
}
