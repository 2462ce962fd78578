using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Deploy.Zabbix;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Analysis;
using ContainerCloudBuild.Rollouts.Analysis.Events;
using ContainerCloudBuild.Rollouts.Analysis.Templates;
using ContainerCloudBuild.Rollouts.DockerHost;
using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Rollouts.Events;
using ContainerCloudBuild.Rollouts.Hosting;

namespace ContainerCloudBuild.Deploy;

/// <summary>
/// Deploys services to one Docker host from a build: <c>await deploy.RolloutAsync(service, image, strategy, ct)</c>.
/// Owns the composition — one Docker client, the HAProxy router, the state store, the analysis, hooks and event
/// shipping — all derived from one <see cref="DeployOptions"/>. Every command first reconciles the router with the
/// saved state, and every command's outcome is appended to the service's history.
/// </summary>
public sealed partial class DockerHostDeploy : IDisposable, IAsyncDisposable
{
    private readonly BuildContext _context;
    private readonly RolloutAnalysisRunner _analysis;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public DockerHostDeploy(BuildContext context, DeployOptions options)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        var holder = new DockerHostHolder();
        Zabbix = options.Zabbix is { } zabbix
            ? new ZabbixDeployWiring(zabbix, context.Secrets, context.TimeProvider, options.Hooks, context.Console.Info)
            : null;
        _analysis = RolloutAnalysis.ForPrometheus(options.PrometheusUrl, new RolloutAnalysisOptions
        {
            Output = context.Console.Info,
            CandidateLogs = (app, revision) => DockerContainerLogSource.ForRevision(holder.Target.Docker, app, revision.Revision),
            Events = options.EventShipper ?? Zabbix?.Events,
            HaproxyCanary = options.HaproxyCanary,
            TimeProvider = context.TimeProvider,
        }, Zabbix is null ? null : new Dictionary<string, IRolloutAnalysisTemplate> { [ZabbixAnalysisTemplate.Name] = Zabbix.Template });
        IRolloutEvents events = new RunRecordRolloutEvents(context.Events);
        if (options.EventShipper is { } shipper)
            events = new CompositeRolloutEvents(events, new ShippingRolloutEvents(shipper));
        if (Zabbix is not null)
            events = new CompositeRolloutEvents(events, new ShippingRolloutEvents(Zabbix.Events));
        Host = DockerHostTarget.Create(new DockerHostOptions
        {
            StateDirectory = options.RolloutsDirectory,
            DockerEndpoint = options.DockerEndpoint,
            HaproxySocketPath = options.HaproxySocketPath,
            HaproxyBackendsDirectory = options.HaproxyBackendsDirectory,
            TimeProvider = context.TimeProvider,
            LoggerFactory = new BuildConsoleLoggerFactory(context.Console),
            Events = events,
            Redact = context.Secrets.Apply,
            Analysis = _analysis,
            Hooks = Zabbix?.Hooks ?? options.Hooks,
            Controller = options.Controller,
            Progress = WaitProgressFor.Build(context),
        });
        holder.Target = Host;
        Services = new ServiceRegistry(options.RolloutsDirectory);
        History = new RolloutHistory(options.RolloutsDirectory);
        Reader = new ServiceDefinitionReader(options.TemplatesDirectory);
        Reconciler = new RoutingReconciler(Host.Controller);
    }

    public DeployOptions Options { get; }
    /// <summary>Zabbix's hooks, events, analysis and registration when <see cref="DeployOptions.Zabbix"/> is set; null otherwise.</summary>
    public ZabbixDeployWiring? Zabbix { get; }
    public DockerHostTarget Host { get; }
    public RolloutController Controller => Host.Controller;
    public ServiceRegistry Services { get; }
    public RolloutHistory History { get; }
    public ServiceDefinitionReader Reader { get; }
    public RoutingReconciler Reconciler { get; }

    /// <summary>Reads a service folder (values.yaml, values.&lt;environment&gt;.yaml, --set) and says once which values a Docker host ignores or adapts.</summary>
    public async Task<ServiceDefinition> ReadServiceAsync(string folder, string? environment, IReadOnlyList<string> setOverrides, CancellationToken cancellationToken)
    {
        var service = await Reader.ReadAsync(folder, environment, setOverrides, cancellationToken).ConfigureAwait(false);
        Zabbix?.Remember(service);
        if (_reported.Add(service.Name))
        {
            foreach (var ignored in service.IgnoredOnDockerHost)
                _context.Console.Info($"{service.Name}: ignored on a Docker host: {ignored}");
            foreach (var adapted in service.AdaptedOnDockerHost)
                _context.Console.Info($"{service.Name}: adapted on a Docker host: {adapted}");
        }
        return service;
    }

    /// <summary>
    /// Starts the stack with a frontend for each registered service plus <paramref name="services"/>, then restores every
    /// registered service's routing from its saved state (after HAProxy restarted, its servers are gone).
    /// </summary>
    public async Task<LocalStackResult> EnsureStackAsync(IEnumerable<ServiceDefinition> services, CancellationToken cancellationToken)
    {
        var registered = await Services.RegisterAsync(
            services.Select(s => new RegisteredService(s.Name, s.Rollout.RouterPort, s.Folder)), cancellationToken).ConfigureAwait(false);
        var stack = new LocalStack(Options.Stack(ServiceRegistry.Frontends(registered)), new BuildConsoleLogger(_context.Console, "stack"));
        var result = await stack.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        if (!result.Ready)
            throw new InvalidOperationException(
                $"The local stack is not ready: {string.Join("; ", result.Problems)}. Run:{System.Environment.NewLine}  {string.Join(System.Environment.NewLine + "  ", result.CommandsToRun)}");
        foreach (var service in registered.Where(s => s.RouterPort > 0))
            await ReconcileAsync(service.Name, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Stops every registered service's containers, then the stack (never the Docker engine).</summary>
    public async Task StopStackAsync(CancellationToken cancellationToken)
    {
        foreach (var service in await Services.LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var revision in await Host.Driver.ListAsync(service.Name, cancellationToken).ConfigureAwait(false))
                await Host.Driver.StopAsync(service.Name, revision.Revision, cancellationToken).ConfigureAwait(false);
        }
        await new LocalStack(Options.Stack([]), new BuildConsoleLogger(_context.Console, "stack")).StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rolls <paramref name="image"/> out as a new revision of <paramref name="service"/> with <paramref name="strategy"/>
    /// (null: the strategy in the service's values). Resolves secretEnv (masked from here on) and starts nothing when a
    /// secret is missing.
    /// </summary>
    public async Task<RolloutResult> RolloutAsync(ServiceDefinition service, ImageReference image, DeployStrategy? strategy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(image);
        var chosen = strategy ?? service.Rollout.Strategy;
        var secrets = await new SecretEnvResolver(Options.SecretsFile, name => _context.Environment.GetValueOrDefault(name) ?? System.Environment.GetEnvironmentVariable(name),
            _context.Secrets.Register).ResolveAsync(service, cancellationToken).ConfigureAwait(false);
        await Services.RegisterAsync([new RegisteredService(service.Name, service.Rollout.RouterPort, service.Folder)], cancellationToken).ConfigureAwait(false);
        await ReconcileAsync(service.Name, cancellationToken).ConfigureAwait(false);
        var workload = DockerHostWorkloads.Workload(service, image, secrets);
        if (Zabbix?.AgentEnvironment(service) is { Count: > 0 } agent)
            workload = workload with { Environment = new Dictionary<string, string>(agent.Concat(workload.Environment).GroupBy(e => e.Key).Select(g => g.Last()), StringComparer.Ordinal) };
        var revision = RevisionNames.From(image, _context.TimeProvider.GetUtcNow());
        _context.Console.Info($"{service.Name}: {chosen.ToName()} rollout of {image.ToDeployString()} as revision {revision}");
        if (Zabbix is not null)
            await Zabbix.PrepareAsync(service, revision, cancellationToken).ConfigureAwait(false);
        var result = chosen == DeployStrategy.BlueGreen
            ? await Controller.DeployBlueGreenAsync(DockerHostWorkloads.BlueGreen(service, revision, workload), cancellationToken).ConfigureAwait(false)
            : await Controller.StartCanaryAsync(DockerHostWorkloads.Canary(service, revision, workload, chosen), cancellationToken).ConfigureAwait(false);
        if (result.Succeeded && result.State?.Stable is { } serving && serving.Revision != revision)
            result = RolloutResult.Fail($"the switch to {revision} was undone: {serving.Revision} serves ({result.Message})", result.State);
        await RecordAsync(service.Name, "Deploy", chosen.ToName(), revision, image, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public void Dispose()
    {
        _analysis.Dispose();
        Host.Dispose();
        // Flushes the deploy events still buffered for Zabbix; DisposeAsync does the same without blocking.
        Zabbix?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        _analysis.Dispose();
        Host.Dispose();
        if (Zabbix is not null)
            await Zabbix.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The analysis reads candidate logs through the host's one Docker client, which exists only after the host is built.</summary>
    private sealed class DockerHostHolder
    {
        private DockerHostTarget? _target;

        public DockerHostTarget Target
        {
            get => _target ?? throw new InvalidOperationException("The Docker host is not composed yet.");
            set => _target = value;
        }
    }
}
