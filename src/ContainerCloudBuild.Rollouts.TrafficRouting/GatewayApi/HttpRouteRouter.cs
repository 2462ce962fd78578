using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.GatewayApi;

/// <summary>
/// Gateway API: every rule of the service's HTTPRoute (<c>gateway.networking.k8s.io/v1</c>) gets one backendRef per revision
/// Service with its weight (percent; the Gateway divides by the sum). The first backendRef is the primary.
/// </summary>
public sealed class HttpRouteRouter(ClusterRouting routing, string? routeName = null) : RoutingObjectRouter(routing)
{
    private ResourceId Id(string app) => new(ClusterKinds.HttpRoute, Routing.Namespace, routeName ?? app);

    private const string Hint = "Create the HTTPRoute (parentRefs to your Gateway, hostnames) with the service's manifests.";

    protected override string Describe(string app) => $"Gateway API HTTPRoute {routeName ?? app} (namespace {Routing.Namespace})";

    protected override async Task<IReadOnlyList<BackendWeight>> ReadAsync(string app, RoutingReads reads, CancellationToken cancellationToken)
    {
        var route = await reads.RequireAsync(Id(app), Hint, cancellationToken).ConfigureAwait(false);
        var refs = route["spec"]?["rules"]?[0]?["backendRefs"]?.AsArray() ?? [];
        return refs.OfType<JsonObject>()
            .Select(r => (Revision: Routing.RevisionOf(app, r["name"]?.GetValue<string>()), Weight: r["weight"]?.GetValue<int>() ?? 1))
            .Where(r => r.Revision is not null)
            .Select(r => new BackendWeight(r.Revision!, r.Weight))
            .ToList();
    }

    protected override async Task WriteAsync(string app, IReadOnlyList<BackendWeight> backends, RoutingReads reads, CancellationToken cancellationToken)
    {
        var id = Id(app);
        var route = ApplyCopy.Of(await reads.RequireAsync(id, Hint, cancellationToken).ConfigureAwait(false));
        var rules = route["spec"]!["rules"] as JsonArray;
        if (rules is null || rules.Count == 0)
        {
            rules = [new JsonObject()];
            route["spec"]!["rules"] = rules;
        }
        foreach (var rule in rules.OfType<JsonObject>())
            rule["backendRefs"] = new JsonArray(backends.Select(b => (JsonNode)new JsonObject
            {
                ["group"] = "",
                ["kind"] = "Service",
                ["name"] = Routing.ServiceName(app, b.Revision),
                ["port"] = Routing.ServicePort,
                ["weight"] = b.Weight,
            }).ToArray());
        await Routing.Api.ApplyAsync(id, route, Routing.FieldManager, force: false, dryRun: false, cancellationToken).ConfigureAwait(false);
    }
}
