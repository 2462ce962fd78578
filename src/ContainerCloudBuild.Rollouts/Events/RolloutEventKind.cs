namespace ContainerCloudBuild.Rollouts;

/// <summary>What happened in a rollout; every <see cref="RolloutEvent"/> carries one.</summary>
public enum RolloutEventKind
{
    Started,
    Resumed,
    CommandReceived,
    CandidateStarted,
    Healthy,
    HealthFailed,
    WeightSet,
    Paused,
    PauseEnded,
    Promoted,
    AwaitingPromotion,
    Switched,
    Drained,
    Stopped,
    Measurement,
    AnalysisPassed,
    AnalysisFailed,
    AnalysisInconclusive,
    Hook,
    HookBlocked,
    TrafficRestored,
    RoutingRestored,
    Undone,
    Completed,
    Aborted,
    Failed,
}

/// <summary>The one place that says which rollout events report a problem.</summary>
public static class RolloutEventKinds
{
    /// <summary>True for events a person must look at: the rollout failed or was rolled back, a check or hook said no.</summary>
    public static bool IsError(this RolloutEventKind kind) => kind is RolloutEventKind.Failed or RolloutEventKind.Aborted
        or RolloutEventKind.AnalysisFailed or RolloutEventKind.HealthFailed or RolloutEventKind.HookBlocked or RolloutEventKind.Undone;
}
