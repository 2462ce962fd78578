using Microsoft.Extensions.Logging;
using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using ContainerCloudBuild.Rollouts.Events;
using ContainerCloudBuild.Rollouts.State;
using global::Docker.DotNet;

namespace ContainerCloudBuild.Rollouts.DockerHost;

/// <summary>
/// One machine as a rollout target: Docker containers as workloads, HAProxy as router, a state directory
/// as store. Build targets use <see cref="Controller"/> (Deploy/Promote/Abort/Undo/Status).
/// </summary>
public sealed class DockerHostTarget : IDisposable
{
    private readonly HttpClient _http;

    private DockerHostTarget(DockerHostOptions options)
    {
        Options = options;
        Docker = new DockerClientBuilder().WithEndpoint(options.DockerEndpoint).Build();
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) });
        var time = options.TimeProvider;
        Driver = new DockerWorkloadDriver(Docker, _http, time, options.LoggerFactory.CreateLogger<DockerWorkloadDriver>());
        Router = new HaproxyTrafficRouter(new HaproxyRuntimeClient(options.ResolvedHaproxySocketPath), time,
            options.HaproxyBackendsDirectory is { } backends ? new HaproxyBackendFiles(backends) : null);
        Store = new FileRolloutStateStore(options.StateDirectory, time);
        var logger = options.LoggerFactory.CreateLogger<RolloutController>();
        IRolloutEvents events = new CompositeRolloutEvents(
            [new LoggingRolloutEvents(logger, options.AnalysisPrintsMeasurements ? new HashSet<RolloutEventKind> { RolloutEventKind.Measurement } : null), new JsonLinesRolloutEvents(Path.Combine(Store.Directory, "events.jsonl")), .. options.Events is null ? [] : new[] { options.Events }]);
        if (options.Redact is { } redact)
            events = new RedactingRolloutEvents(events, redact);
        Controller = new RolloutController(Driver, Router, Store, events, time) { Analysis = options.Analysis, Hooks = options.Hooks, Options = options.Controller, Progress = options.Progress };
    }

    public static DockerHostTarget Create(DockerHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DockerHostTarget(options);
    }

    public DockerHostOptions Options { get; }
    public IDockerClient Docker { get; }
    public DockerWorkloadDriver Driver { get; }
    public HaproxyTrafficRouter Router { get; }
    public FileRolloutStateStore Store { get; }
    public RolloutController Controller { get; }

    public void Dispose()
    {
        Docker.Dispose();
        _http.Dispose();
    }
}
