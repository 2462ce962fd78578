using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.Tests.Support;

/// <summary>
/// A test double of the Kubernetes workload driver, just enough for the routers: a revision is a Deployment
/// <c>&lt;app&gt;-&lt;revision&gt;</c> with the app and revision labels the routers select by, healthy at once, deleted on stop.
/// </summary>
internal sealed class SlotDeploymentDriver(RoutingCluster cluster, int replicas) : IWorkloadDriver
{
    private static readonly ResourceKind DeploymentKind = ResourceKind.Find("apps/v1", "Deployment")!;

    public async Task<RevisionInfo> StartAsync(string app, string revision, WorkloadSpec workload, CancellationToken cancellationToken)
    {
        var labels = new JsonObject { [cluster.Routing.AppLabel] = app, [cluster.Routing.RevisionLabel] = revision };
        await cluster.ApplyAsync(DeploymentKind, new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = $"{app}-{revision}", ["labels"] = labels.DeepClone() },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = app, ["image"] = workload.Image }) },
                },
            },
        }, cancellationToken);
        return Info(app, revision, workload.Image);
    }

    public Task<HealthResult> WaitHealthyAsync(string app, RevisionInfo revision, HealthCheckSpec healthCheck, IProgress<ReplicaReadiness>? progress, CancellationToken cancellationToken) =>
        Task.FromResult(HealthResult.Ok("started"));

    public Task StopAsync(string app, string revision, CancellationToken cancellationToken) =>
        cluster.KubeApi.DeleteAsync(new ResourceId(DeploymentKind, cluster.Namespace, $"{app}-{revision}"), dryRun: false, cancellationToken);

    public Task<WorkloadExit?> GetExitAsync(string app, string revision, CancellationToken cancellationToken) => Task.FromResult<WorkloadExit?>(null);

    public async Task<IReadOnlyList<RevisionInfo>> ListAsync(string app, CancellationToken cancellationToken)
    {
        var items = await cluster.KubeApi.ListAsync(DeploymentKind, cluster.Namespace, $"{cluster.Routing.AppLabel}={app}", cancellationToken);
        return [.. items.Select(d => Info(app, d["metadata"]!["labels"]![cluster.Routing.RevisionLabel]!.GetValue<string>(), ""))];
    }

    private RevisionInfo Info(string app, string revision, string image) =>
        new() { Revision = revision, Image = image, Address = $"{app}-{revision}.{cluster.Namespace}.svc:80" };
}
