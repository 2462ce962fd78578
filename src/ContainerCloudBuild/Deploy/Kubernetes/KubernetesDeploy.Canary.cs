using ContainerCloudBuild.Abstractions;
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
        return await ApplyThenRunAsync(service, image, "canary", [.. rendered.Where(d => d.Kind is not ("Deployment" or "HorizontalPodAutoscaler"))],
            async ct =>
            {
                var target = Rollouts(documents, service.ContainerPort, CanaryRouter(service, rendered));
                if (await target.Store.LoadAsync(service.Name, ct).ConfigureAwait(false) is { Stable: not null })
                    await target.Controller.RestoreRoutingAsync(service.Name, ct).ConfigureAwait(false);
                return target;
            },
            (controller, revision, ct) => controller.StartCanaryAsync(
                DockerHostWorkloads.Canary(service, revision, Workload(service, image), DeployStrategy.Canary), ct),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The canary router <c>rollout.trafficRouter</c> names, or the one the render's Route, HTTPRoute or nginx Ingress implies (said on the console).</summary>
    private CanaryRouting CanaryRouter(ServiceDefinition service, IReadOnlyList<RenderedDocument> rendered)
    {
        var choice = TrafficRouterSelector.Choose(service.Rollout.TrafficRouter, rendered);
        var template = ClusterAnalysisRunner.TemplateFor(choice.Kind) is { } name ? $"; built-in analysis template {name}" : "; no built-in analysis template for this router";
        context.Console.Info($"{service.Name}: traffic router {choice.Kind.ToString().ToLowerInvariant()}{(choice.ObjectName is { } objectName ? $" ({objectName})" : "")}: {choice.Reason}{template}");
        var routing = Routing();
        return new CanaryRouting(TrafficRouterFactory.Create(choice, routing, Connection.Client, service.Replicas), choice, routing);
    }

    private ClusterRouting Routing() => new()
    {
        Api = Api,
        Namespace = Connection.Namespace,
        AppLabel = RolloutLabels.Instance,
        RevisionLabel = RolloutLabels.Revision,
        Time = context.TimeProvider,
        Output = line => context.Console.Info(context.Secrets.Apply(line)),
    };

    /// <summary>A canary's router, how it was chosen (for the analysis's arguments and template) and where it works.</summary>
    private sealed record CanaryRouting(ITrafficRouter Router, TrafficRouterChoice Choice, ClusterRouting Routing);

    private KubeApi Api => new(Connection);
}
