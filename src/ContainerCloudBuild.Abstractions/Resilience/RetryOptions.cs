namespace ContainerCloudBuild.Abstractions.Resilience;

/// <summary>
/// How an adapter retries transient failures: the one retry vocabulary of the registry client, the image
/// pusher, webhooks and the event shipper. Waits grow exponentially from <see cref="BaseDelay"/>, never beyond
/// <see cref="MaxDelay"/>, with jitter so clients that failed together do not retry together. What counts as
/// transient stays each adapter's decision. Immutable; copy with <c>with</c>.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Attempts in all, the first included; 1 means no retry.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The typical first wait; later waits grow exponentially.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>No single wait is longer than this.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Randomizes waits (decorrelated jitter); off only where a test needs exact waits.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
    }
}
