using ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

[Collection(RealStackCollection.Name)]
public sealed class WarmupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/version", 25, "(25 answered 2xx;")]
    [InlineData("/missing", 10, "(0 answered 2xx;")]
    public async Task Deploy_WithWarmup_HealthyRevisionAnswersTheRequestsBeforeTraffic(string path, int requests, string answered)
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        var image = await stack.ImageAsync("v1", healthy: true, Ct);
        var workload = stack.Workload(image, "v1");

        var result = await stack.Controller.DeployBlueGreenAsync(new BlueGreenSpec
        {
            App = stack.App, Revision = "v1", Workload = workload with { HealthCheck = workload.HealthCheck with { Warmup = new WarmupSpec(path, requests) } },
        }, Ct);

        Assert.True(result.Succeeded, result.Message);
        var healthy = stack.Events.First(RolloutEventKind.Healthy, "v1")!.Message;
        Assert.Contains($"warmed up with {requests} GET {path} in ", healthy, StringComparison.Ordinal);
        Assert.Contains(answered, healthy, StringComparison.Ordinal);
    }
}
