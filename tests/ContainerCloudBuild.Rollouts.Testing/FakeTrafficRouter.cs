namespace ContainerCloudBuild.Rollouts.Testing;

/// <summary>Keeps backends and weights in memory and records every weight change in order.</summary>
public sealed class FakeTrafficRouter(CallLog log) : ITrafficRouter
{
    private readonly Dictionary<string, int> _weights = new(StringComparer.Ordinal);

    public List<IReadOnlyDictionary<string, int>> History { get; } = [];

    public IReadOnlyDictionary<string, int> Weights => new Dictionary<string, int>(_weights);

    public Task AddBackendAsync(string app, RevisionInfo revision, CancellationToken cancellationToken)
    {
        if (_weights.TryAdd(revision.Revision, 0))
            log.Add($"add {revision.Revision}");
        return Task.CompletedTask;
    }

    public Task SetWeightsAsync(string app, IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken)
    {
        foreach (var (revision, weight) in weights)
        {
            if (!_weights.ContainsKey(revision) && weight > 0)
                throw new InvalidOperationException($"No backend '{revision}' to give weight {weight}.");
            if (_weights.ContainsKey(revision))
                _weights[revision] = weight;
        }
        History.Add(Weights);
        log.Add("weights " + string.Join(",", _weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key}={w.Value}")));
        return Task.CompletedTask;
    }

    public Task<DrainResult> DrainAsync(string app, string revision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_weights.ContainsKey(revision))
            log.Add($"drain {revision}");
        return Task.FromResult(new DrainResult(true, 0, TimeSpan.Zero));
    }

    public Task RemoveBackendAsync(string app, string revision, CancellationToken cancellationToken)
    {
        if (_weights.Remove(revision))
            log.Add($"remove {revision}");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, int>> GetWeightsAsync(string app, CancellationToken cancellationToken) =>
        Task.FromResult(Weights);
}
