using System.Globalization;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.Nginx;

/// <summary>
/// ingress-nginx canary: the service's Ingress routes to the primary revision's Service; a copy named
/// <c>&lt;ingress&gt;-canary</c> with <c>nginx.ingress.kubernetes.io/canary: "true"</c> and <c>canary-weight</c> routes that share
/// to the other revision. ingress-nginx honours one canary per host and path, so at most two revisions take traffic.
/// </summary>
public sealed class NginxCanaryRouter(ClusterRouting routing, string? ingressName = null) : RoutingObjectRouter(routing)
{
    public const string CanaryAnnotation = "nginx.ingress.kubernetes.io/canary";
    public const string WeightAnnotation = "nginx.ingress.kubernetes.io/canary-weight";
    public const string WeightTotalAnnotation = "nginx.ingress.kubernetes.io/canary-weight-total";

    private string Primary(string app) => ingressName ?? app;

    public static string CanaryName(string primary) => primary + "-canary";

    private ResourceId Id(string name) => new(ClusterKinds.Ingress, Routing.Namespace, name);

    protected override string Describe(string app) => $"ingress-nginx Ingress {Primary(app)} (namespace {Routing.Namespace})";

    protected override async Task<IReadOnlyList<BackendWeight>> ReadAsync(string app, RoutingReads reads, CancellationToken cancellationToken)
    {
        var primary = await reads.RequireAsync(Id(Primary(app)), "Enable the Ingress in values (ingress.enabled: true) and deploy once.", cancellationToken).ConfigureAwait(false);
        var backends = new List<BackendWeight>();
        var canary = await reads.GetAsync(Id(CanaryName(Primary(app))), cancellationToken).ConfigureAwait(false);
        var canaryWeight = 0;
        if (canary is not null && Routing.RevisionOf(app, BackendService(canary)) is { } canaryRevision)
        {
            canaryWeight = int.Parse(canary["metadata"]?["annotations"]?[WeightAnnotation]?.GetValue<string>() ?? "0", CultureInfo.InvariantCulture);
            backends.Add(new BackendWeight(canaryRevision, canaryWeight));
        }
        if (Routing.RevisionOf(app, BackendService(primary)) is { } primaryRevision)
            backends.Insert(0, new BackendWeight(primaryRevision, 100 - canaryWeight));
        return backends;
    }

    protected override async Task WriteAsync(string app, IReadOnlyList<BackendWeight> backends, RoutingReads reads, CancellationToken cancellationToken)
    {
        if (backends.Count > 2)
            throw new InvalidOperationException(
                $"{Describe(app)}: ingress-nginx routes to one canary per host and path, but {backends.Count} revisions are registered ({BackendWeights.Describe(backends)}). Remove one first.");
        var primaryId = Id(Primary(app));
        var live = await reads.RequireAsync(primaryId, "Enable the Ingress in values (ingress.enabled: true) and deploy once.", cancellationToken).ConfigureAwait(false);
        if (backends.Count > 0)
        {
            var primary = ApplyCopy.Of(live);
            PointAt(primary, Routing.ServiceName(app, backends[0].Revision));
            await Routing.Api.ApplyAsync(primaryId, primary, Routing.FieldManager, force: false, dryRun: false, cancellationToken).ConfigureAwait(false);
        }
        var canaryId = Id(CanaryName(Primary(app)));
        if (backends.Count < 2)
        {
            await Routing.Api.DeleteAsync(canaryId, dryRun: false, cancellationToken).ConfigureAwait(false);
            return;
        }
        var canary = ApplyCopy.Of(live, canaryId.Name);
        PointAt(canary, Routing.ServiceName(app, backends[1].Revision));
        var annotations = canary["metadata"]!["annotations"] as JsonObject ?? new JsonObject();
        canary["metadata"]!["annotations"] = annotations;
        annotations[CanaryAnnotation] = "true";
        annotations[WeightAnnotation] = backends[1].Weight.ToString(CultureInfo.InvariantCulture);
        annotations[WeightTotalAnnotation] = "100";
        (canary["spec"] as JsonObject)?.Remove("tls"); // the primary Ingress owns the certificate of the host
        (canary["metadata"]!["labels"] as JsonObject)?.Remove(ApplySetRecord.PartOfLabel); // the router's, never pruned by a deploy
        await Routing.Api.ApplyAsync(canaryId, canary, Routing.FieldManager, force: false, dryRun: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Service of the Ingress's first path (the templates render one host with one path).</summary>
    private static string? BackendService(JsonObject ingress) =>
        ingress["spec"]?["rules"]?[0]?["http"]?["paths"]?[0]?["backend"]?["service"]?["name"]?.GetValue<string>()
        ?? ingress["spec"]?["defaultBackend"]?["service"]?["name"]?.GetValue<string>();

    private static void PointAt(JsonObject ingress, string service)
    {
        foreach (var rule in ingress["spec"]?["rules"]?.AsArray() ?? [])
            foreach (var path in rule?["http"]?["paths"]?.AsArray() ?? [])
                if (path?["backend"]?["service"] is JsonObject backend)
                    backend["name"] = service;
        if (ingress["spec"]?["defaultBackend"]?["service"] is JsonObject fallback)
            fallback["name"] = service;
    }
}
