namespace ContainerCloudBuild.Rollouts.TrafficRouting.Selection;

/// <summary>How a canary's traffic is split on a cluster (<c>rollout.trafficRouter</c> in values).</summary>
public enum TrafficRouterKind
{
    /// <summary>ingress-nginx canary Ingress (<c>canary-weight</c>).</summary>
    Nginx,
    /// <summary>Gateway API HTTPRoute backendRef weights.</summary>
    Gateway,
    /// <summary>OpenShift Route <c>to</c> + <c>alternateBackends</c> weights.</summary>
    OpenShift,
    /// <summary>No router: the ratio of pods (approximate weights).</summary>
    Replicas,
}
