using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Rollouts.TrafficRouting;

/// <summary>One Service per revision (<c>&lt;app&gt;-&lt;revision&gt;</c>, selecting the app and revision labels): what the routing objects point at.</summary>
internal sealed class RevisionServices(ClusterRouting routing)
{
    public ResourceId Id(string app, string revision) => new(ClusterKinds.Service, routing.Namespace, routing.ServiceName(app, revision));

    public Task<JsonObject> ApplyAsync(string app, string revision, CancellationToken cancellationToken)
    {
        var name = routing.ServiceName(app, revision);
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = routing.Namespace,
                ["labels"] = new JsonObject
                {
                    [routing.AppLabel] = app,
                    [routing.RevisionLabel] = revision,
                    ["app.kubernetes.io/managed-by"] = "ContainerCloudBuild",
                },
            },
            ["spec"] = new JsonObject
            {
                ["type"] = "ClusterIP",
                ["selector"] = new JsonObject { [routing.AppLabel] = app, [routing.RevisionLabel] = revision },
                ["ports"] = new JsonArray(new JsonObject
                {
                    ["name"] = "http", ["port"] = routing.ServicePort, ["targetPort"] = routing.TargetPort, ["protocol"] = "TCP",
                }),
            },
        };
        return routing.Api.ApplyAsync(Id(app, revision), body, routing.FieldManager, force: false, dryRun: false, cancellationToken);
    }

    public Task DeleteAsync(string app, string revision, CancellationToken cancellationToken) =>
        routing.Api.DeleteAsync(Id(app, revision), dryRun: false, cancellationToken);
}
