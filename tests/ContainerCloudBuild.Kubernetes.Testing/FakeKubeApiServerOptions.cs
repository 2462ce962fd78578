namespace ContainerCloudBuild.Kubernetes.Testing;

/// <summary>Knobs of the fake API server; the defaults suit most tests.</summary>
public sealed record FakeKubeApiServerOptions
{
    /// <summary>The clock for timestamps, pod behaviours and progress deadlines (a FakeTimeProvider makes them deterministic).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How many changes watches can resume from; older resourceVersions get 410 Gone.</summary>
    public int WatchHistoryLimit { get; init; } = 10_000;

    /// <summary>How often a watch that asked for bookmarks gets one while idle.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the simulated controllers reconcile (real time).</summary>
    public TimeSpan ControllerInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>False leaves Deployments, ReplicaSets, pods and endpoints alone (a bare store).</summary>
    public bool RunControllers { get; init; } = true;
}
