using ContainerCloudBuild.Rollouts.TrafficRouting.GatewayApi;
using ContainerCloudBuild.Rollouts.TrafficRouting.Nginx;
using ContainerCloudBuild.Rollouts.TrafficRouting.OpenShift;
using ContainerCloudBuild.Rollouts.TrafficRouting.ReplicaRatio;
using k8s;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.Selection;

/// <summary>Builds the chosen router over one cluster connection.</summary>
public static class TrafficRouterFactory
{
    public static ITrafficRouter Create(TrafficRouterChoice choice, ClusterRouting routing, IKubernetes client, int totalReplicas)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return choice.Kind switch
        {
            TrafficRouterKind.Nginx => new NginxCanaryRouter(routing, choice.ObjectName),
            TrafficRouterKind.Gateway => new HttpRouteRouter(routing, choice.ObjectName),
            TrafficRouterKind.OpenShift => new OpenShiftRouteRouter(routing, choice.ObjectName),
            _ => new ReplicaRatioRouter(routing, client, totalReplicas),
        };
    }
}
