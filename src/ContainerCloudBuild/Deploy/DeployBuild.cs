using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Deploy.Kubernetes;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Deploy;

/// <summary>
/// A pipeline that deploys services: derive from it and a build has <c>StackUp</c>, <c>StackDown</c>, <c>Deploy</c>
/// (<c>--service &lt;folder&gt; --strategy blue-green|canary|rolling --platform docker|kubernetes --image ...</c>), <c>Status</c>,
/// <c>Promote</c>, <c>Abort</c>, <c>Undo</c> and <c>History</c>. Override <see cref="ImageToDeployAsync"/> to deploy what
/// the build itself pushed, <see cref="CreateDeployOptions"/> for other ports or hooks.
/// </summary>
public abstract partial class DeployBuild : PipelineBuild
{
    [Parameter("Service folder (values.yaml, values.<environment>.yaml)")] protected readonly AbsolutePath? Service;
    [Parameter("Rollout strategy: blue-green | canary | rolling (default: rollout.strategy in the service's values)")] protected readonly DeployStrategy? Strategy;
    [Parameter("Where to deploy")] protected readonly DeployPlatform Platform = DeployPlatform.Docker;
    [Parameter("Environment: selects values.<environment>.yaml")] protected readonly string? Environment;
    [Parameter("Values overrides, path.to.key=value")] protected readonly string[] Set = [];
    [Parameter("Image to deploy, by digest (default: the image in the service's values)")] protected readonly string? DeployImage;
    [Parameter("Image to deploy, read from the file a publish job recorded (registry/repository@sha256:...); like --deploy-image, nothing is built or pushed")] protected readonly AbsolutePath? DeployImageFile;
    [Parameter("Where the pushing target records the pushed image by digest, for later jobs' --deploy-image-file")] protected readonly AbsolutePath? PublishedImageFile;
    [Parameter("NAME=value lines for the service's secretEnv (default: environment variables)")] protected readonly AbsolutePath? SecretsFile;
    [Parameter("Where stack configs, rollout state and history live (default: .state/ under the root)")] protected readonly AbsolutePath? StateDirectory;
    [Parameter("Manifest templates whose defaults.yaml is the values schema (default: templates/manifests, else the templates shipped with ContainerCloudBuild)")] protected readonly AbsolutePath? Templates;
    [Parameter("Port of the local registry the stack starts (default: 5000)")] protected readonly int? RegistryPort;
    [Parameter("Port of HAProxy's stats and Prometheus exporter (default: 8404)")] protected readonly int? HaproxyMetricsPort;
    [Parameter("Port of the stack's Prometheus (default: 9090)")] protected readonly int? PrometheusPort;
    [Parameter("Promote: skip the remaining steps")] protected readonly bool Full;
    [Parameter("Kubernetes: kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then the pod's service account)")] protected readonly string? Kubeconfig;
    [Parameter("Kubernetes: kubeconfig context (default: its current-context)", Name = "Context")] protected readonly string? KubeContext;
    [Parameter("Kubernetes: namespace (default: the context's namespace, else default)")] protected readonly string? Namespace;
    [Parameter("Kubernetes: take over fields another field manager owns (server-side apply force)")] protected readonly bool ForceConflicts;
    [Parameter("Kubernetes: Prometheus scraping the cluster's router, for analysis steps (nginx-canary with trafficRouter nginx, openshift-router-canary with openshift)")] protected readonly Uri? PrometheusUrl;
    [Parameter("Kubernetes: only ask the server (dryRun=All) and print what would change")] protected readonly bool DryRun;
    [Parameter("Tenant folder (values.yaml: name, labels, group, quota, limitRange, networkPolicy, harbor)", Name = "Tenant")] protected readonly AbsolutePath? TenantFolder;
    [Parameter("Harbor base URL (ScanGate, and Tenant's project and pull robot)")] protected readonly Uri? HarborUrl;
    [Parameter("Harbor user or robot account")] protected readonly string HarborUser = "admin";
    [Parameter("Harbor password or robot secret"), Secret] protected readonly string? HarborPassword;
    [Parameter("Zabbix frontend URL (its api_jsonrpc.php): Deploy uses Zabbix for the services whose values enable zabbix")] protected readonly Uri? ZabbixUrl;
    [Parameter("Zabbix API token"), Secret] protected readonly string? ZabbixToken;
    [Parameter("Zabbix trapper host[:port] for deploy events (default: the --zabbix-url host, port 10051)")] protected readonly string? ZabbixSender;

    protected AbsolutePath State => StateDirectory ?? RootDirectory / ".state";

    /// <summary>The service <c>Deploy</c>, <c>Status</c> and the other targets use when no <c>--service</c> is given.</summary>
    protected virtual AbsolutePath? DefaultService => null;

    protected AbsolutePath? ServiceFolder => Service ?? DefaultService;

    /// <summary>The one options object every deploy setting derives from.</summary>
    protected virtual DeployOptions CreateDeployOptions()
    {
        var options = new DeployOptions
        {
            StateDirectory = State,
            TemplatesDirectory = Templates ?? DeployTemplates.Find(RootDirectory),
            SecretsFile = SecretsFile is null ? null : (string)SecretsFile,
        };
        return options with
        {
            RegistryPort = RegistryPort ?? options.RegistryPort,
            HaproxyMetricsPort = HaproxyMetricsPort ?? options.HaproxyMetricsPort,
            PrometheusPort = PrometheusPort ?? options.PrometheusPort,
            Zabbix = CreateZabbixConnection(),
        };
    }

    /// <summary>Zabbix from <c>--zabbix-url</c> and <c>--zabbix-token</c> (both, or neither: no Zabbix call at all) and <c>--zabbix-sender</c>.</summary>
    protected Zabbix.ZabbixConnection? CreateZabbixConnection() => (ZabbixUrl, ZabbixToken) switch
    {
        (null, null or "") => null,
        ({ } url, { Length: > 0 } token) => Zabbix.ZabbixConnection.From(url, token, ZabbixSender),
        (null, _) => throw new InvalidOperationException("--zabbix-token is set but --zabbix-url is not: name the Zabbix frontend with --zabbix-url."),
        _ => throw new InvalidOperationException("--zabbix-url is set but no API token: pass --zabbix-token or set ZABBIX_TOKEN."),
    };

    /// <summary>The one options object of the Kubernetes platform, from <c>--kubeconfig</c>, <c>--context</c>, <c>--namespace</c>, <c>--force-conflicts</c>, <c>--dry-run</c>, <c>--prometheus-url</c>.</summary>
    protected virtual KubernetesDeployOptions CreateKubernetesDeployOptions() => new()
    {
        TemplatesDirectory = Templates ?? DeployTemplates.Find(RootDirectory),
        // The parameter also binds from KUBECONFIG, which may list several files: that list is the locator's to merge.
        Access = new ClusterAccessOptions
        {
            KubeconfigPath = Kubeconfig is { Length: > 0 } path && path != Context.Environment.GetValueOrDefault("KUBECONFIG") ? path : null,
            Context = KubeContext,
            Namespace = Namespace,
        },
        Apply = new global::ContainerCloudBuild.Kubernetes.Apply.ApplyOptions { ForceConflicts = ForceConflicts, DryRun = DryRun },
        PrometheusUrl = PrometheusUrl,
    };

    protected KubernetesDeploy OpenKubernetesDeploy() => new(Context, CreateKubernetesDeployOptions());

    /// <summary>The one options object of <c>Tenant</c>, from <c>--kubeconfig</c>, <c>--context</c> and the templates.</summary>
    protected virtual TenantOptions CreateTenantOptions() => new()
    {
        TemplatesDirectory = DeployTemplates.FindTenant(RootDirectory),
        ServiceTemplatesDirectory = Templates ?? DeployTemplates.Find(RootDirectory),
        Access = CreateKubernetesDeployOptions().Access,
    };

    /// <summary>The image <c>Deploy</c> rolls out: <c>--deploy-image</c> or <c>--deploy-image-file</c>, else the image the service's values name.</summary>
    protected virtual async Task<ImageReference> ImageToDeployAsync(ServiceDefinition service, CancellationToken cancellationToken) =>
        await GivenImageAsync(cancellationToken) ?? service.ImageFromValues
            ?? throw new InvalidOperationException($"No image to deploy for '{service.Name}': pass --deploy-image, --deploy-image-file or set image.repository and image.digest in its values.");

    /// <summary>True when <c>--deploy-image</c> or <c>--deploy-image-file</c> names the image: a build skips building and pushing one.</summary>
    protected bool DeploysGivenImage => DeployImage is not null || DeployImageFile is not null;

    /// <summary>The image <c>--deploy-image</c> or <c>--deploy-image-file</c> names; null when neither is given.</summary>
    protected async Task<ImageReference?> GivenImageAsync(CancellationToken cancellationToken)
    {
        if (DeployImage is not null && DeployImageFile is not null)
            throw new InvalidOperationException("Both --deploy-image and --deploy-image-file name the image to deploy: give one.");
        if (DeployImage is not null) return ImageReference.Parse(DeployImage);
        return DeployImageFile is null ? null : await PublishedImageRecord.ReadAsync(DeployImageFile, cancellationToken);
    }

    /// <summary>Records the image a target pushed in <c>--published-image-file</c> (when given), for the deploy jobs' <c>--deploy-image-file</c>.</summary>
    protected async Task RecordPublishedImageAsync(ImageReference pushed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pushed);
        if (PublishedImageFile is null) return;
        await PublishedImageRecord.WriteAsync(PublishedImageFile, pushed, cancellationToken);
        Context.Console.Info($"Published {pushed.ToDeployString()}, recorded in {Path.GetRelativePath(RootDirectory, PublishedImageFile)}");
    }

    protected DockerHostDeploy OpenDeploy() => new(Context, CreateDeployOptions());

    protected async Task<ServiceDefinition> ReadServiceAsync(DockerHostDeploy deploy, CancellationToken cancellationToken) =>
        await deploy.ReadServiceAsync(ServiceFolder ?? throw new InvalidOperationException("Name the service folder with --service <folder>."), Environment, Set, cancellationToken);

    /// <summary>Throws (the target fails, exit code 1) with the controller's reason first; prints the outcome otherwise.</summary>
    protected void Require(RolloutResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Succeeded)
            throw new RolloutFailedException(result);
        Context.Console.Info($"Rollout {result.Phase}: {result.Message}");
    }

    private async Task<string> AppAsync(DockerHostDeploy deploy, CancellationToken cancellationToken) => (await ReadServiceAsync(deploy, cancellationToken)).Name;

    public Target Tenant => _ => _
        .Description("Makes a team's space on the cluster, idempotently: namespace, quota, limits, RoleBinding, NetworkPolicies, Harbor project and pull secret")
        .Requires(() => TenantFolder)
        .Requires(() => HarborUrl)
        .Requires(() => HarborPassword)
        .Executes(async ct =>
        {
            using var harbor = new Containers.HarborTasks(Context, HarborUrl!, HarborUser, HarborPassword!);
            using var tenant = new KubernetesTenant(Context, CreateTenantOptions(), harbor.Client, HarborUrl!);
            await tenant.EnsureAsync(TenantFolder!, Set, ct);
        });

    public Target StackUp => _ => _
        .Description("Starts the local registry, HAProxy (a frontend per deployed service) and Prometheus; restores routing from the saved state")
        .OnlyWhenStatic(() => Platform == DeployPlatform.Docker)
        .Executes(async ct =>
        {
            using var deploy = OpenDeploy();
            var services = ServiceFolder is null ? [] : new[] { await ReadServiceAsync(deploy, ct) };
            var result = await deploy.EnsureStackAsync(services, ct);
            Context.Console.Info($"Registry {result.Registry}, Prometheus {result.PrometheusUrl}, services: " +
                (result.AppUrls.Count == 0 ? "(none yet)" : string.Join(", ", result.AppUrls.Select(a => $"{a.Key} at {a.Value}"))));
        });

    public Target StackDown => _ => _
        .Description("Stops the local stack and removes the deployed services' containers")
        .Executes(async ct => { using var deploy = OpenDeploy(); await deploy.StopStackAsync(ct); });

    public Target Deploy => _ => _
        .Description("Rolls the image out to --service with --strategy on --platform (canary steps and analysis from the service's values)")
        .DependsOn(StackUp)
        .Executes(async ct =>
        {
            if (Platform == DeployPlatform.Kubernetes)
            {
                await DeployToKubernetesAsync(ct);
                return;
            }
            await using var deploy = OpenDeploy();
            var service = await ReadServiceAsync(deploy, ct);
            Require(await deploy.RolloutAsync(service, await ImageToDeployAsync(service, ct), Strategy, ct));
            Context.Console.Info(RolloutStatusText.Format(await deploy.StatusAsync(service.Name, ct)));
        });

    public Target Status => _ => _
        .Description("Shows the service's rollout: strategy, step, weights, revisions, digests")
        .Executes(async ct =>
        {
            if (Platform == DeployPlatform.Kubernetes)
            {
                Context.Console.Info(await KubernetesStatusAsync(ct));
                return;
            }
            using var d = OpenDeploy();
            Context.Console.Info(RolloutStatusText.Format(await d.StatusAsync(await AppAsync(d, ct), ct)));
        });

    public Target Promote => _ => _
        .Description("Promotes the running rollout to its next step (or fully with --full)")
        .Executes(async ct =>
        {
            if (Platform == DeployPlatform.Kubernetes)
                Require(await KubernetesCommandAsync(Full ? RolloutCommandKind.PromoteFull : RolloutCommandKind.Promote, (c, app, t) => c.PromoteAsync(app, Full, t), ct));
            else { using var d = OpenDeploy(); Require(await d.PromoteAsync(await AppAsync(d, ct), Full, ct)); }
        });

    public Target Abort => _ => _
        .Description("Aborts the running rollout: all traffic back to stable, the new revision removed (exit 0 when it did)")
        .Executes(async ct =>
        {
            if (Platform == DeployPlatform.Kubernetes)
                Require(await KubernetesCommandAsync(RolloutCommandKind.Abort, (c, app, t) => c.AbortAsync(app, "aborted from the command line", t), ct));
            else { using var d = OpenDeploy(); Require(await d.AbortAsync(await AppAsync(d, ct), "aborted from the command line", ct)); }
        });

    public Target Undo => _ => _
        .Description("Switches traffic back to the previous revision while it is still alive (exit 0 when it did)")
        .Executes(async ct =>
        {
            if (Platform == DeployPlatform.Kubernetes)
                Require(await KubernetesCommandAsync(RolloutCommandKind.Undo, (c, app, t) => c.UndoAsync(app, t), ct));
            else { using var d = OpenDeploy(); Require(await d.UndoAsync(await AppAsync(d, ct), ct)); }
        });

    public Target History => _ => _
        .Description("Past rollouts of the service: revisions, image digests, who and when, outcome")
        .Executes(async ct =>
        {
            if (Platform == DeployPlatform.Kubernetes)
            {
                Context.Console.Info(await KubernetesHistoryAsync(ct));
                return;
            }
            using var d = OpenDeploy();
            var app = await AppAsync(d, ct);
            var entries = await d.HistoryAsync(app, ct);
            Context.Console.Info(entries.Count == 0 ? $"{app}: no rollouts recorded in {d.History.PathFor(app)}" : string.Join(System.Environment.NewLine, entries.Select(RolloutHistory.Format)));
        });
}
