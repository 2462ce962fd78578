using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Rollouts.Events;
using ContainerCloudBuild.Rollouts.Kubernetes.BlueGreen;
using ContainerCloudBuild.Rollouts.Kubernetes.State;
using ContainerCloudBuild.Rollouts.Kubernetes.Workloads;
using k8s;

namespace ContainerCloudBuild.Rollouts.Kubernetes;

/// <summary>
/// One namespace of a cluster as a rollout target: Deployment slots as workloads, the active/preview Services as the
/// blue-green router, state, commands and lock in the cluster. Build targets use <see cref="Controller"/>; a canary
/// router is passed instead of the Service selector router.
/// </summary>
public sealed class KubernetesRolloutTarget
{
    private KubernetesRolloutTarget(IKubernetes client, string ns, string where, KubernetesRolloutOptions options, ITrafficRouter? router)
    {
        Namespace = ns;
        var api = new KubeApi((k8s.Kubernetes)client, where);
        var slots = new SlotDeployment(options.DeploymentTemplate, options.ContainerPort);
        Driver = new KubernetesWorkloadDriver(client, api, ns, _ => slots, options.Wait, options.Output, options.Redact, options.TimeProvider);
        var services = new BlueGreenServices(options.ServiceTemplate, targetPort: options.ContainerPort);
        Router = router ?? new ServiceSelectorRouter(api, ns, _ => services);
        Store = new ClusterRolloutStateStore(client, ns, options.Lease, options.TimeProvider);
        var events = options.Events ?? new CompositeRolloutEvents();
        Controller = new RolloutController(Driver, Router, Store, events, options.TimeProvider)
        {
            Analysis = options.Analysis, Hooks = options.Hooks, Options = options.Controller, Progress = options.Progress,
        };
    }

    public static KubernetesRolloutTarget Create(IKubernetes client, string ns, string where, KubernetesRolloutOptions options, ITrafficRouter? router = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentNullException.ThrowIfNull(options);
        return new KubernetesRolloutTarget(client, ns, where, options, router);
    }

    public string Namespace { get; }
    public KubernetesWorkloadDriver Driver { get; }
    public ITrafficRouter Router { get; }
    public ClusterRolloutStateStore Store { get; }
    public RolloutController Controller { get; }
}
