namespace ContainerCloudBuild.Kubernetes.Rollout;

/// <summary>How to wait for a rollout.</summary>
public sealed record RolloutWaitOptions
{
    /// <summary>Gives up after this long; null: the Deployment's progressDeadlineSeconds plus <see cref="DeadlineGrace"/>.</summary>
    public TimeSpan? Timeout { get; init; }
    public TimeSpan DeadlineGrace { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Fail as soon as a new pod cannot pull its image, crash-loops or is OOM-killed (no wait cures these).</summary>
    public bool FailFast { get; init; } = true;
    /// <summary>Follow the new pods' logs into the output during the rollout.</summary>
    public bool StreamLogs { get; init; } = true;
    /// <summary>How many of a crashed container's last log lines the explanation shows.</summary>
    public int LogTailLines { get; init; } = 20;
}

/// <summary>The end of a wait: complete, or failed with the explanation (already masked).</summary>
public sealed record RolloutOutcome(bool Succeeded, string Message, RolloutExplanation? Explanation)
{
    /// <summary>The message and, for a failure, everything the explanation found.</summary>
    public string Describe(Func<string, string> redact) =>
        Explanation is null ? Message : redact(Explanation.Render());
}
