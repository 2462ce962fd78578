using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Manifests;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Kubernetes;
using ContainerCloudBuild.Rollouts.TrafficRouting;
using ContainerCloudBuild.Rollouts.TrafficRouting.Selection;

namespace ContainerCloudBuild.Deploy.Kubernetes;

/// <summary>
/// Canary on a cluster through the core's canary strategy: the render's other resources are applied (re-applying the
/// Ingress/HTTPRoute/Route resets its backends, so the router is restored from the saved state right after), then the
/// steps from the service's values run over Deployment slots with the router that <c>rollout.trafficRouter</c> or the render chooses.
/// </summary>
public sealed partial class KubernetesDeploy
{
    public async Task<RolloutResult> CanaryAsync(ServiceDefinition service, IReadOnlyList<string> setOverrides, ImageReference image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(image);
        var rendered = await RenderAsync(service.Folder, service.Environment, setOverrides, image, cancellationToken).ConfigureAwait(false);
        var documents = BlueGreenDocuments.Split(rendered);
        try
        {
            var applied = rendered.Where(d => d.Kind is not ("Deployment" or "HorizontalPodAutoscaler")).ToList();
            var report = await new ManifestApplier(Api, Connection.Namespace, line => context.Console.Info(context.Secrets.Apply(line)))
                .ApplyAsync(service.Name, applied, Options.Apply with { Prune = false }, cancellationToken).ConfigureAwait(false);
            if (report.DryRun)
                return new RolloutResult(true, null, $"dry run: {report.Diffs.Count(d => !d.IsEmpty)} of {report.Applied.Count} resources would change; the canary itself is not simulated", null);
            var target = Rollouts(documents, service.ContainerPort, CanaryRouter(service, rendered));
            if (await target.Store.LoadAsync(service.Name, cancellationToken).ConfigureAwait(false) is { Stable: not null })
                await target.Controller.RestoreRoutingAsync(service.Name, cancellationToken).ConfigureAwait(false);
            var revision = RevisionNames.From(image, context.TimeProvider.GetUtcNow());
            context.Console.Info($"{service.Name}: canary rollout of {image.ToDeployString()} as revision {revision} on {Connection.Target}");
            var result = await target.Controller.StartCanaryAsync(
                DockerHostWorkloads.Canary(service, revision, Workload(service, image), DeployStrategy.Canary), cancellationToken).ConfigureAwait(false);
            await RecordAsync(service.Name, "Deploy", "canary", revision, image, result, cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception e) when (e is ClusterAccessException or KubeApiException)
        {
            return RolloutResult.Fail(context.Secrets.Apply(e.Message));
        }
    }

    /// <summary>The canary router <c>rollout.trafficRouter</c> names, or the one the render's Route, HTTPRoute or nginx Ingress implies (said on the console).</summary>
    private ITrafficRouter CanaryRouter(ServiceDefinition service, IReadOnlyList<RenderedDocument> rendered)
    {
        var choice = TrafficRouterSelector.Choose(service.Rollout.TrafficRouter, rendered);
        context.Console.Info($"{service.Name}: traffic router {choice.Kind.ToString().ToLowerInvariant()}{(choice.ObjectName is { } name ? $" ({name})" : "")}: {choice.Reason}");
        var routing = new ClusterRouting
        {
            Api = Api,
            Namespace = Connection.Namespace,
            AppLabel = RolloutLabels.Instance,
            RevisionLabel = RolloutLabels.Revision,
            Time = context.TimeProvider,
            Output = line => context.Console.Info(context.Secrets.Apply(line)),
        };
        return TrafficRouterFactory.Create(choice, routing, Connection.Client, service.Replicas);
    }

    private KubeApi Api => new((k8s.Kubernetes)Connection.Client, Connection.Target.ToString());
}
