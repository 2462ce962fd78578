using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Rollouts.TrafficRouting;

/// <summary>
/// The <see cref="ITrafficRouter"/> rules shared by the routers that keep weights in one routing object (canary Ingress,
/// HTTPRoute, OpenShift Route): a Service per revision, weights read from and written to the object with server-side apply.
/// A provider only maps the ordered backends to its object and back. Backends that are not revision Services (the rendered
/// <c>&lt;app&gt;</c> Service) are replaced by the first revision added, which takes 100%. A deploy that re-applies the rendered
/// object resets it to the <c>&lt;app&gt;</c> Service, so it must restore the routing from the saved rollout state afterwards
/// (<c>RolloutController.RestoreRoutingAsync</c>, as the Docker host does before every rollout command).
/// </summary>
public abstract class RoutingObjectRouter : ITrafficRouter
{
    private readonly RevisionServices services;

    protected RoutingObjectRouter(ClusterRouting routing)
    {
        ArgumentNullException.ThrowIfNull(routing);
        Routing = routing;
        services = new RevisionServices(routing);
    }

    protected ClusterRouting Routing { get; }

    /// <summary>What the router is called in messages: "ingress-nginx canary Ingress web".</summary>
    protected abstract string Describe(string app);

    /// <summary>The backends the object sends traffic to now (revision Services only), primary first.</summary>
    protected abstract Task<IReadOnlyList<BackendWeight>> ReadAsync(string app, RoutingReads reads, CancellationToken cancellationToken);

    /// <summary>Writes the backends (primary first) into the object, built from what this operation read (<paramref name="reads"/>).</summary>
    protected abstract Task WriteAsync(string app, IReadOnlyList<BackendWeight> backends, RoutingReads reads, CancellationToken cancellationToken);

    public async Task AddBackendAsync(string app, RevisionInfo revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        await services.ApplyAsync(app, revision.Revision, cancellationToken).ConfigureAwait(false);
        var reads = new RoutingReads(Routing.Api);
        var backends = await ReadAsync(app, reads, cancellationToken).ConfigureAwait(false);
        if (backends.Any(b => b.Revision == revision.Revision))
            return;
        var weight = backends.Count == 0 ? 100 : 0; // the first revision is the only one: it takes all traffic
        await WriteAsync(app, BackendWeights.With(backends, revision.Revision, weight), reads, cancellationToken).ConfigureAwait(false);
    }

    public async Task SetWeightsAsync(string app, IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var reads = new RoutingReads(Routing.Api);
        var backends = await ReadAsync(app, reads, cancellationToken).ConfigureAwait(false);
        var next = backends.ToList();
        foreach (var (revision, weight) in weights)
        {
            if (weight is < 0 or > 100)
                throw new ArgumentOutOfRangeException(nameof(weights), weight, $"The weight of '{revision}' must be a percentage from 0 to 100.");
            if (next.All(b => b.Revision != revision))
            {
                if (weight > 0)
                    throw new InvalidOperationException($"{Describe(app)} has no backend '{revision}' to give {weight}% of the traffic; add it first.");
                continue;
            }
            next = BackendWeights.With(next, revision, weight);
        }
        await WriteAsync(app, next, reads, cancellationToken).ConfigureAwait(false);
        Routing.Output($"{Describe(app)}: {BackendWeights.Describe(next)}");
    }

    /// <summary>
    /// Takes the revision's weight to 0 and waits <see cref="ClusterRouting.DrainGrace"/> for the controller to reload; a routing
    /// object cannot count in-flight requests, so the result is drained once the grace has passed.
    /// </summary>
    public async Task<DrainResult> DrainAsync(string app, string revision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reads = new RoutingReads(Routing.Api);
        var backends = await ReadAsync(app, reads, cancellationToken).ConfigureAwait(false);
        if (backends.All(b => b.Revision != revision))
            return new DrainResult(true, 0, TimeSpan.Zero);
        var started = Routing.Time.GetUtcNow();
        await WriteAsync(app, BackendWeights.With(backends, revision, 0), reads, cancellationToken).ConfigureAwait(false);
        var grace = Routing.DrainGrace < timeout ? Routing.DrainGrace : timeout;
        if (grace > TimeSpan.Zero)
            await Task.Delay(grace, Routing.Time, cancellationToken).ConfigureAwait(false);
        return new DrainResult(true, 0, Routing.Time.GetUtcNow() - started);
    }

    public async Task RemoveBackendAsync(string app, string revision, CancellationToken cancellationToken)
    {
        var reads = new RoutingReads(Routing.Api);
        var backends = await ReadAsync(app, reads, cancellationToken).ConfigureAwait(false);
        if (backends.Any(b => b.Revision == revision))
            await WriteAsync(app, BackendWeights.Without(backends, revision), reads, cancellationToken).ConfigureAwait(false);
        await services.DeleteAsync(app, revision, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, int>> GetWeightsAsync(string app, CancellationToken cancellationToken)
    {
        var reads = new RoutingReads(Routing.Api);
        var backends = await ReadAsync(app, reads, cancellationToken).ConfigureAwait(false);
        return backends.ToDictionary(b => b.Revision, b => b.Weight, StringComparer.Ordinal);
    }
}
