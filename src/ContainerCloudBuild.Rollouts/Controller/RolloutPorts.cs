namespace ContainerCloudBuild.Rollouts.Controller;

/// <summary>What a rollout runs on: the platform's ports, the optional analysis and hooks, and the clock.</summary>
internal sealed record RolloutPorts(
    IWorkloadDriver Driver,
    ITrafficRouter Router,
    IRolloutStateStore Store,
    IRolloutEvents Events,
    TimeProvider Time,
    IAnalysisRunner? Analysis,
    IRolloutHooks? Hooks,
    RolloutControllerOptions Options);
