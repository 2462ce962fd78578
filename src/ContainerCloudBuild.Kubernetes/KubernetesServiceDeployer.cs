using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Kubernetes.Rollout;
using ContainerCloudBuild.Manifests;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Kubernetes;

/// <summary>The outcome of one service's deploy: what was applied and pruned, and each Deployment's rollout.</summary>
public sealed record KubernetesDeployResult(ApplyReport Apply, IReadOnlyList<(string Deployment, RolloutOutcome Outcome)> Rollouts)
{
    public bool Succeeded => Rollouts.All(r => r.Outcome.Succeeded);
}

/// <summary>
/// Deploys a service's rendered manifests to the connection's namespace: server-side apply in the renderer's order with
/// pruning, then a watched rolling update of every Deployment it applied (none in a dry run). Output and explanations are masked.
/// </summary>
public sealed class KubernetesServiceDeployer(ClusterConnection connection, SecretMasker masker, Action<string> output, TimeProvider time)
{
    public async Task<KubernetesDeployResult> DeployAsync(
        string service, IReadOnlyList<RenderedDocument> documents, ApplyOptions apply, RolloutWaitOptions wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(masker);
        ArgumentNullException.ThrowIfNull(apply);
        var where = connection.Target.ToString();
        void Say(string line) => output(masker.Apply(line));
        Say($"{service}: {(apply.DryRun ? "dry run of" : "applying")} {documents.Count} resources on {where}");
        var api = new KubeApi(connection);
        var report = await new ManifestApplier(api, connection.Namespace, Say).ApplyAsync(service, documents, apply, cancellationToken).ConfigureAwait(false);
        var rollouts = new List<(string, RolloutOutcome)>();
        if (report.DryRun)
            return new KubernetesDeployResult(report, rollouts);
        var watcher = new RolloutWatcher(connection.Client, connection.Namespace, Say, masker.Apply, time);
        foreach (var applied in report.Applied.Where(a => a.Resource.Kind.Kind == "Deployment"))
        {
            var generation = applied.Result["metadata"]?["generation"]?.GetValue<long>() ?? 1;
            var outcome = await watcher.WaitAsync(applied.Resource.Name, generation, wait, cancellationToken).ConfigureAwait(false);
            Say(outcome.Succeeded ? $"{applied.Resource}: {outcome.Message}" : outcome.Describe(masker.Apply));
            rollouts.Add((applied.Resource.Name, outcome));
            if (!outcome.Succeeded)
                break;
        }
        return new KubernetesDeployResult(report, rollouts);
    }
}
