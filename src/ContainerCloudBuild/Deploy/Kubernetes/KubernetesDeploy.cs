using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Kubernetes;
using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Kubernetes.Rollout;
using ContainerCloudBuild.Manifests;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Analysis;
using ContainerCloudBuild.Rollouts.Hosting;
using k8s;

namespace ContainerCloudBuild.Deploy.Kubernetes;

/// <summary>
/// Deploys services to a Kubernetes cluster from a build: render the service's manifests with the image, server-side
/// apply them with pruning, and watch the rolling update. The composition root of the Kubernetes platform: one
/// connection (credentials masked), one renderer, all derived from one <see cref="KubernetesDeployOptions"/>.
/// Expected failures (conflicts, an unreachable cluster, a failed rollout) come back as a failed <see cref="RolloutResult"/>.
/// </summary>
public sealed partial class KubernetesDeploy(BuildContext context, KubernetesDeployOptions options) : IDisposable
{
    private readonly ManifestRenderer _renderer = new();
    private ClusterConnection? _connection;
    private RolloutAnalysisRunner? _prometheusAnalysis;

    public KubernetesDeployOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The cluster connection, opened on first use (resolving the kubeconfig registers its credentials with the masker).</summary>
    public ClusterConnection Connection => _connection ??= ClusterConnection.Open(Options.Access, context.Secrets);

    /// <summary>Rolls <paramref name="image"/> out to the service in <paramref name="folder"/>: a rolling update (default), blue-green (<see cref="BlueGreenAsync"/>) or canary (<see cref="CanaryAsync"/>).</summary>
    public async Task<RolloutResult> DeployAsync(
        string folder, string? environment, IReadOnlyList<string> setOverrides, ImageReference? image, DeployStrategy? strategy, CancellationToken cancellationToken)
    {
        if (strategy == DeployStrategy.BlueGreen)
        {
            var definition = await new ServiceDefinitionReader(Options.TemplatesDirectory).ReadAsync(folder, environment, setOverrides, cancellationToken).ConfigureAwait(false);
            return await BlueGreenAsync(definition, setOverrides, image ?? definition.ImageFromValues
                ?? throw new InvalidOperationException($"No image to deploy for '{definition.Name}': pass --deploy-image or set image.repository and image.digest in its values."),
                cancellationToken).ConfigureAwait(false);
        }
        if (strategy == DeployStrategy.Canary)
        {
            var definition = await new ServiceDefinitionReader(Options.TemplatesDirectory).ReadAsync(folder, environment, setOverrides, cancellationToken).ConfigureAwait(false);
            return await CanaryAsync(definition, setOverrides, image ?? definition.ImageFromValues
                ?? throw new InvalidOperationException($"No image to deploy for '{definition.Name}': pass --deploy-image or set image.repository and image.digest in its values."),
                cancellationToken).ConfigureAwait(false);
        }
        var request = RenderRequest.ForService(Options.TemplatesDirectory, folder, environment) with { SetOverrides = setOverrides, Image = image };
        var render = await _renderer.RenderAsync(request, cancellationToken).ConfigureAwait(false);
        if (!render.Success)
            throw new ServiceDefinitionException(folder, [.. render.Diagnostics.Where(d => d.IsError).Select(d => d.ToString())]);
        var service = render.Documents.FirstOrDefault(d => d.Kind == "Deployment")?.Name ?? Path.GetFileName(Path.GetFullPath(folder));
        var events = new RollingUpdateEvents(new RunRecordRolloutEvents(context.Events), context.TimeProvider, service,
            image is null ? "values" : RevisionNames.From(image, context.TimeProvider.GetUtcNow()));
        var started = false;
        try
        {
            var deployer = new KubernetesServiceDeployer(Connection, context.Secrets, context.Console.Info, context.TimeProvider);
            started = !Options.Apply.DryRun;
            if (started)
                events.Started($"rolling update to {image?.ToDeployString() ?? "the image in values"} on {Connection.Target}");
            var result = await deployer.DeployAsync(service, render.Documents, Options.Apply, Options.Wait, cancellationToken).ConfigureAwait(false);
            if (Options.Apply.DryRun)
                return new RolloutResult(true, null, $"dry run: {result.Apply.Diffs.Count(d => !d.IsEmpty)} of {result.Apply.Applied.Count} resources would change, {result.Apply.Pruned.Count} would be pruned", null);
            var outcome = result.Rollouts.FirstOrDefault(r => !r.Outcome.Succeeded) is { Outcome: { } failed }
                ? new RolloutResult(false, RolloutPhase.Failed, failed.Describe(context.Secrets.Apply), null)
                : new RolloutResult(true, RolloutPhase.Completed, string.Join("; ", result.Rollouts.Select(r => r.Outcome.Message)), null);
            events.Ended(outcome);
            return outcome;
        }
        catch (Exception e) when (e is ClusterAccessException or KubeApiException)
        {
            var failed = RolloutResult.Fail(context.Secrets.Apply(e.Message));
            if (started)
                events.Ended(failed);
            return failed;
        }
        catch (Exception e) when (started && e is not OperationCanceledException)
        {
            events.Ended(RolloutResult.Fail(context.Secrets.Apply(e.Message))); // e.g. pods that cannot become ready: the run fails with the explanation
            throw;
        }
    }

    /// <summary>The service's Deployment as the cluster sees it: progress, image and revision.</summary>
    public async Task<string> StatusAsync(string app, CancellationToken cancellationToken)
    {
        try
        {
            var deployment = await Connection.Client.AppsV1.ReadNamespacedDeploymentAsync(app, Connection.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            var progress = DeploymentProgress.Evaluate(deployment, deployment.Metadata.Generation ?? 0);
            var images = string.Join(", ", deployment.Spec.Template.Spec.Containers.Select(c => c.Image));
            var revision = deployment.Metadata.Annotations is { } annotations && annotations.TryGetValue(NewPods.RevisionAnnotation, out var r) ? r : "?";
            return $"{app} on {Connection.Target}: revision {revision}, {images}: {progress.State}: {progress.Message}";
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return $"{app} on {Connection.Target}: not deployed (no Deployment named {app})";
        }
    }

    /// <summary>
    /// The analysis runner: <see cref="KubernetesDeployOptions.Analysis"/> when given, else the built-in templates through the Prometheus at
    /// <see cref="KubernetesDeployOptions.PrometheusUrl"/> (made on first use), else none.
    /// </summary>
    private IAnalysisRunner? AnalysisRunner => Options.Analysis ?? (Options.PrometheusUrl is { } url
        ? _prometheusAnalysis ??= RolloutAnalysis.ForPrometheus(url, new RolloutAnalysisOptions
        {
            Output = line => context.Console.Info(context.Secrets.Apply(line)),
            TimeProvider = context.TimeProvider,
        })
        : null);

    public void Dispose()
    {
        _prometheusAnalysis?.Dispose();
        _connection?.Dispose();
    }
}
