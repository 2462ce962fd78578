using ContainerCloudBuild.Abstractions.Resilience;

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

    /// <summary>Attempts per batch when the sink fails (network, I/O, sink errors); after the last the batch is dropped and counted.</summary>
    public RetryOptions Retry { get; init; } = new() { MaxAttempts = 6, BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(10) };
}
