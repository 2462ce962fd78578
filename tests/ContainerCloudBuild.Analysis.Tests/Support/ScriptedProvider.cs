using ContainerCloudBuild.Analysis;

namespace ContainerCloudBuild.Analysis.Tests.Support;

/// <summary>A provider that answers a script of readings in order (the last one repeats) and records queries.</summary>
public sealed class ScriptedProvider(params ProviderReading[] script) : IMetricProvider
{
    private int calls;

    public string Name => "scripted";

    public List<MetricQuery> Queries { get; } = [];

    public int Calls => calls;

    public Task<ProviderReading> MeasureAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (Queries)
            Queries.Add(query);
        var i = Interlocked.Increment(ref calls) - 1;
        return Task.FromResult(script[Math.Min(i, script.Length - 1)]);
    }
}
