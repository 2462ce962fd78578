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

    [Fact]
    public async Task Deploy_WarmupWithRate_SpreadsTheRequestsOverTime()
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        var image = await stack.ImageAsync("v1", healthy: true, Ct);
        var workload = stack.Workload(image, "v1");

        var result = await stack.Controller.DeployBlueGreenAsync(new BlueGreenSpec
        {
            App = stack.App, Revision = "v1", Workload = workload with { HealthCheck = workload.HealthCheck with { Warmup = new WarmupSpec("/version", 20, RatePerSecond: 40) } },
        }, Ct);

        Assert.True(result.Succeeded, result.Message);
        var healthy = stack.Events.First(RolloutEventKind.Healthy, "v1")!.Message;
        var took = System.Text.RegularExpressions.Regex.Match(healthy, @"warmed up with 20 GET /version in (\d+) ms \(20 answered 2xx;");
        Assert.True(took.Success, healthy);
        Assert.InRange(int.Parse(took.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 475, int.MaxValue); // the 20th is due 19/40 s after the first
    }
}
