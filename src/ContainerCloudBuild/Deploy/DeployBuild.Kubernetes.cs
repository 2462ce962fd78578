using ContainerCloudBuild.Deploy.Kubernetes;
using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Deploy;

/// <summary>The targets' Kubernetes side: Deploy (rolling, blue-green or canary), Status, Promote, Abort, Undo and History against the cluster.</summary>
public abstract partial class DeployBuild
{
    /// <summary>Renders the service with the image and applies it to the cluster: a watched rolling update, or a blue-green or canary rollout with <c>--strategy blue-green|canary</c>.</summary>
    private async Task DeployToKubernetesAsync(CancellationToken ct)
    {
        if (CreateZabbixConnection() is not null)
            Context.Console.Info("Zabbix (--zabbix-url) is wired into Deploy on a Docker host only: this Kubernetes deploy makes no Zabbix calls.");
        using var kubernetes = OpenKubernetesDeploy();
        var service = await ReadServiceAsync(kubernetes.Options, ct);
        var result = await kubernetes.DeployAsync(service.Folder, Environment, Set, await ImageToDeployAsync(service, ct), Strategy, ct);
        Require(result);
        if (Strategy is DeployStrategy.BlueGreen or DeployStrategy.Canary && result.State is not null)
            Context.Console.Info(RolloutStatusText.Format(await kubernetes.RolloutStatusAsync(service, Set, ct)));
    }

    private Task<ServiceDefinition> ReadServiceAsync(KubernetesDeployOptions options, CancellationToken ct) =>
        new ServiceDefinitionReader(options.TemplatesDirectory).ReadAsync(
            ServiceFolder ?? throw new InvalidOperationException("Name the service folder with --service <folder>."), Environment, Set, ct);

    /// <summary>The rollout's status when one ran in the cluster (state ConfigMap), else the Deployment's rolling-update status.</summary>
    private async Task<string> KubernetesStatusAsync(CancellationToken ct)
    {
        using var kubernetes = OpenKubernetesDeploy();
        var service = await ReadServiceAsync(kubernetes.Options, ct);
        return await kubernetes.HasRolloutStateAsync(service.Name, ct)
            ? RolloutStatusText.Format(await kubernetes.RolloutStatusAsync(service, Set, ct))
            : await kubernetes.StatusAsync(service.Name, ct);
    }

    private async Task<RolloutResult> KubernetesCommandAsync(
        RolloutCommandKind kind, Func<RolloutController, string, CancellationToken, Task<RolloutResult>> command, CancellationToken ct)
    {
        using var kubernetes = OpenKubernetesDeploy();
        var service = await ReadServiceAsync(kubernetes.Options, ct);
        return await kubernetes.CommandAsync(service, Set, kind, (controller, t) => command(controller, service.Name, t), ct);
    }

    private async Task<string> KubernetesHistoryAsync(CancellationToken ct)
    {
        using var kubernetes = OpenKubernetesDeploy();
        var service = await ReadServiceAsync(kubernetes.Options, ct);
        var entries = await kubernetes.HistoryAsync(service.Name, ct);
        return entries.Count == 0
            ? $"{service.Name}: no rollouts recorded in namespace {kubernetes.Connection.Namespace}"
            : string.Join(System.Environment.NewLine, entries.Select(RolloutHistory.Format));
    }
}
