namespace ContainerCloudBuild.Analysis.Events;

/// <summary>Batching, buffering and retry settings of an <see cref="EventShipper"/>.</summary>
public sealed record EventShipperOptions
{
    /// <summary>At most this many events per batch.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>A partial batch is sent after this long.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Events buffered while the sink is slow; beyond it the oldest are dropped (and counted).</summary>
    public int BufferCapacity { get; init; } = 10_000;

    /// <summary>Retries after the first failed attempt of a batch.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First retry delay; doubles each retry, capped at <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);
}
