namespace ContainerCloudBuild.Rollouts.TrafficRouting.Tests.Support;

/// <summary>Passes every call to the router under test and, after each weight change, records what <paramref name="observe"/> reads from the cluster.</summary>
internal sealed class ObservingRouter(ITrafficRouter inner, Func<Dictionary<string, int>> observe) : ITrafficRouter
{
    private readonly List<Dictionary<string, int>> observed = [];

    public IReadOnlyList<Dictionary<string, int>> Observed => observed;

    public Task AddBackendAsync(string app, RevisionInfo revision, CancellationToken cancellationToken) => inner.AddBackendAsync(app, revision, cancellationToken);

    public async Task SetWeightsAsync(string app, IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken)
    {
        await inner.SetWeightsAsync(app, weights, cancellationToken);
        observed.Add(observe());
    }

    public Task<DrainResult> DrainAsync(string app, string revision, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.DrainAsync(app, revision, timeout, cancellationToken);

    public Task RemoveBackendAsync(string app, string revision, CancellationToken cancellationToken) => inner.RemoveBackendAsync(app, revision, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> GetWeightsAsync(string app, CancellationToken cancellationToken) => inner.GetWeightsAsync(app, cancellationToken);
}
