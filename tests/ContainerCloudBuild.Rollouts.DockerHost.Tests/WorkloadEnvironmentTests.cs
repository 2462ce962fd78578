using ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

[Collection(RealStackCollection.Name)]
public sealed class WorkloadEnvironmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_EachReplica_IsToldItsServiceRevisionReplicaAndPort()
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        var image = await stack.ImageAsync("v1", healthy: true, Ct);

        var started = await stack.Target.Driver.StartAsync(stack.App, "v1", stack.Workload(image, "v1", replicas: 2), Ct);

        var environments = new List<string>();
        foreach (var container in (await stack.ContainersAsync(Ct)).OrderBy(c => c.Names[0], StringComparer.Ordinal))
        {
            var env = (await stack.Target.Docker.Containers.InspectContainerAsync(container.ID, Ct)).Config?.Env ?? [];
            environments.Add(string.Join(" ", env.Where(e => e.StartsWith("APP_", StringComparison.Ordinal) || e.StartsWith("PORT=", StringComparison.Ordinal)).Order(StringComparer.Ordinal)));
        }
        // APP_VERSION comes from the workload's environment; APP_NAME, APP_REVISION, APP_REPLICA and PORT the driver adds.
        var ports = started.ReplicaAddresses.Select(a => a[(a.LastIndexOf(':') + 1)..]).ToList();
        Assert.Equal(
            [$"APP_NAME={stack.App} APP_REPLICA=0 APP_REVISION=v1 APP_VERSION=v1 PORT={ports[0]}", $"APP_NAME={stack.App} APP_REPLICA=1 APP_REVISION=v1 APP_VERSION=v1 PORT={ports[1]}"],
            environments);
    }
}
