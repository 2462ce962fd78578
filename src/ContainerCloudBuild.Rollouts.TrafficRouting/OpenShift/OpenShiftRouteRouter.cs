using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.OpenShift;

/// <summary>
/// OpenShift Route (<c>route.openshift.io/v1</c>): the primary revision's Service is <c>spec.to</c>, the others are
/// <c>spec.alternateBackends</c> (at most three), each with its weight (percent; the router divides by the sum).
/// </summary>
public sealed class OpenShiftRouteRouter(ClusterRouting routing, string? routeName = null) : RoutingObjectRouter(routing)
{
    public const int MaxAlternateBackends = 3;

    private const string Hint = "Render the service for OpenShift (openshift.route.enabled: true) and deploy once.";

    private ResourceId Id(string app) => new(ClusterKinds.Route, Routing.Namespace, routeName ?? app);

    protected override string Describe(string app) => $"OpenShift Route {routeName ?? app} (namespace {Routing.Namespace})";

    protected override async Task<IReadOnlyList<BackendWeight>> ReadAsync(string app, RoutingReads reads, CancellationToken cancellationToken)
    {
        var route = await reads.RequireAsync(Id(app), Hint, cancellationToken).ConfigureAwait(false);
        var targets = new List<JsonNode?> { route["spec"]?["to"] };
        targets.AddRange(route["spec"]?["alternateBackends"]?.AsArray() ?? []);
        return targets.OfType<JsonObject>()
            .Select(t => (Revision: Routing.RevisionOf(app, t["name"]?.GetValue<string>()), Weight: t["weight"]?.GetValue<int>() ?? 100))
            .Where(t => t.Revision is not null)
            .Select(t => new BackendWeight(t.Revision!, t.Weight))
            .ToList();
    }

    protected override async Task WriteAsync(string app, IReadOnlyList<BackendWeight> backends, RoutingReads reads, CancellationToken cancellationToken)
    {
        if (backends.Count > 1 + MaxAlternateBackends)
            throw new InvalidOperationException(
                $"{Describe(app)}: a Route has at most {MaxAlternateBackends} alternateBackends, but {backends.Count} revisions are registered ({BackendWeights.Describe(backends)}).");
        var id = Id(app);
        var route = ApplyCopy.Of(await reads.RequireAsync(id, Hint, cancellationToken).ConfigureAwait(false));
        var spec = (JsonObject)route["spec"]!;
        if (backends.Count == 0)
            return;
        spec["to"] = Target(app, backends[0]);
        spec.Remove("alternateBackends");
        if (backends.Count > 1)
            spec["alternateBackends"] = new JsonArray(backends.Skip(1).Select(b => (JsonNode)Target(app, b)).ToArray());
        await Routing.Api.ApplyAsync(id, route, Routing.FieldManager, force: false, dryRun: false, cancellationToken).ConfigureAwait(false);
    }

    private JsonObject Target(string app, BackendWeight backend) => new()
    {
        ["kind"] = "Service",
        ["name"] = Routing.ServiceName(app, backend.Revision),
        ["weight"] = backend.Weight,
    };
}
