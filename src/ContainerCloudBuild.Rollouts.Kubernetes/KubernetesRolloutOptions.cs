using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Rollout;
using ContainerCloudBuild.Rollouts.Kubernetes.State;

namespace ContainerCloudBuild.Rollouts.Kubernetes;

/// <summary>The one options object of rollouts on a cluster: what the slots and Services are built from, the Lease and the controller.</summary>
public sealed record KubernetesRolloutOptions
{
    /// <summary>The service's rendered Deployment, the template of every slot; null builds a minimal one.</summary>
    public JsonObject? DeploymentTemplate { get; init; }
    /// <summary>The service's rendered Service (ports, type), the template of the active and preview Services; null uses port 80 → 8080.</summary>
    public JsonObject? ServiceTemplate { get; init; }
    public int ContainerPort { get; init; } = 8080;
    public LeaseSettings Lease { get; init; } = new();
    /// <summary>How the health gate watches a slot (its deadline comes from the workload's health check).</summary>
    public RolloutWaitOptions Wait { get; init; } = new() { StreamLogs = false };
    /// <summary>
    /// A waiting rollout watches its commands ConfigMap (no poll); Promote/Abort/Undo wait for the running process to act by
    /// reading the state every half <see cref="RolloutControllerOptions.CommandPollInterval"/> (a request each time, so not the Docker host's 100 ms).
    /// </summary>
    public RolloutControllerOptions Controller { get; init; } = new() { CommandPollInterval = TimeSpan.FromSeconds(1) };
    public IAnalysisRunner? Analysis { get; init; }
    public IRolloutHooks? Hooks { get; init; }
    public IWaitProgress? Progress { get; init; }
    public IRolloutEvents? Events { get; init; }
    public Action<string> Output { get; init; } = _ => { };
    public Func<string, string> Redact { get; init; } = text => text;
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
