using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Harbor;
using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Manifests;
using ContainerCloudBuild.Manifests.Values;

namespace ContainerCloudBuild.Deploy.Kubernetes;

/// <summary>What a Tenant run did: each object (created, configured or unchanged), the Harbor project and the pull secret.</summary>
public sealed record TenantResult(string Tenant, IReadOnlyList<ReconciledObject> Objects, ProjectEnsureOutcome Project, TenantPullSecret PullSecret)
{
    public int Count(ReconcileAction action) => Objects.Count(o => o.Action == action);

    public string Summary =>
        $"Tenant {Tenant}: {Count(ReconcileAction.Created)} created, {Count(ReconcileAction.Configured)} configured, {Count(ReconcileAction.Unchanged)} unchanged; " +
        $"Harbor project {Tenant} ({Project.ToString().ToLowerInvariant()}); pull secret {PullSecret.Outcome}";
}

/// <summary>
/// Makes a team's space on a cluster, idempotently: renders the tenant templates (namespace with labels, ResourceQuota,
/// LimitRange, RoleBinding of the team's group, default-deny and allow NetworkPolicies), makes the Harbor project and
/// pull robot, and reconciles every object so that a second run writes nothing. The composition root of the target:
/// one connection (credentials masked), one renderer, all from one <see cref="TenantOptions"/>.
/// </summary>
public sealed class KubernetesTenant(BuildContext context, TenantOptions options, IHarborClient harbor, Uri harborUrl) : IDisposable
{
    private readonly ManifestRenderer _renderer = new();
    private ClusterConnection? _connection;

    public TenantOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public ClusterConnection Connection => _connection ??= ClusterConnection.Open(Options.Access, context.Secrets);

    public async Task<TenantResult> EnsureAsync(string folder, IReadOnlyList<string> setOverrides, CancellationToken cancellationToken)
    {
        var request = new RenderRequest(Options.TemplatesDirectory)
        {
            ValuesFiles = [Path.Combine(folder, "values.yaml")],
            SetOverrides = setOverrides,
            SharedPartialsDirectory = Options.ServiceTemplatesDirectory,
        };
        var render = await _renderer.RenderAsync(request, cancellationToken).ConfigureAwait(false);
        if (!render.Success)
            throw new ServiceDefinitionException(folder, [.. render.Diagnostics.Where(d => d.IsError).Select(d => d.ToString())]);
        var objects = render.Documents.Select(ObjectReconciler.ToObject).ToList();
        var tenant = objects.First(o => o.Id.Kind.Kind == "Namespace").Id.Name;
        var values = (await ServiceValues.MergeAsync(_renderer, request, cancellationToken).ConfigureAwait(false)).Values!;
        var robot = ValuePath.Text(values, "harbor.robot");
        var secretName = ValuePath.Text(values, "harbor.pullSecret");

        var where = Connection.Target with { Namespace = tenant };
        Say($"Tenant {tenant} on {where}: {objects.Count} objects, Harbor {harborUrl}");
        var api = new KubeApi(Connection.Http, where.ToString());
        var reconciler = new ObjectReconciler(api, Options.FieldManager);
        var done = new List<ReconciledObject>();
        foreach (var (id, body) in objects)
            done.Add(Report(await reconciler.ReconcileAsync(id, body, cancellationToken).ConfigureAwait(false)));

        var secretId = new ResourceId(ResourceKind.Find("v1", "Secret")!, tenant, secretName);
        var live = await api.GetAsync(secretId, cancellationToken).ConfigureAwait(false);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ApplySetRecord.ManagedByLabel] = ApplySetRecord.ManagedBy,
            ["containercloud.io/tenant"] = tenant,
        };
        var (project, pull) = await new TenantPullCredentials(harbor, harborUrl, context.Secrets)
            .EnsureAsync(tenant, robot, secretName, live, labels, cancellationToken).ConfigureAwait(false);
        done.Add(Report(pull.SecretToApply is null
            ? new ReconciledObject(secretId, ReconcileAction.Unchanged, live!)
            : await reconciler.ReconcileAsync(secretId, pull.SecretToApply, cancellationToken).ConfigureAwait(false)));
        var result = new TenantResult(tenant, done, project, pull);
        Say(result.Summary);
        return result;
    }

    private ReconciledObject Report(ReconciledObject reconciled)
    {
        Say("  " + reconciled);
        return reconciled;
    }

    private void Say(string line) => context.Console.Info(context.Secrets.Apply(line));

    public void Dispose() => _connection?.Dispose();
}
