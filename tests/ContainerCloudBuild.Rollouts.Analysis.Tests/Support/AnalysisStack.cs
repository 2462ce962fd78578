using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Rollouts.Analysis.Templates;
using ContainerCloudBuild.Rollouts.DockerHost;
using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Testing;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.Analysis.Tests.Support;

/// <summary>
/// A real stack for one test: its own application on the shared HAProxy and Prometheus (<see cref="SharedServers"/>), the local Docker engine with CGI test images, and a
/// <see cref="DockerHostTarget"/> whose analysis is <see cref="RolloutAnalysis.ForPrometheus"/> over that Prometheus
/// and the candidate's container logs. Disposal removes the app's containers and images.
/// </summary>
public sealed class AnalysisStack : IAsyncDisposable
{
    private readonly List<string> _images = [];
    private readonly List<string> _output = [];
    private readonly List<AnalysisMeasurement> _measurements = [];

    private AnalysisStack(SharedServers servers, HaproxyApp app)
    {
        Servers = servers;
        App = app.Name;
        FrontendPort = app.Port;
        Docker = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();
    }

    public SharedServers Servers { get; }
    public TempDirectory Temp { get; } = new("ccb-ra");
    public string App { get; }
    public int FrontendPort { get; }
    public Uri VersionUrl => new($"http://127.0.0.1:{FrontendPort}/cgi-bin/version");
    public IDockerClient Docker { get; }
    public RecordingRolloutEvents Events { get; } = new();
    public DockerHostTarget Target { get; private set; } = null!;
    public RolloutAnalysisRunner Analysis { get; private set; } = null!;
    public RolloutController Controller => Target.Controller;

    /// <summary>Everything the analysis printed (measurements, "[revision] log line"s), in order.</summary>
    public IReadOnlyList<string> Output { get { lock (_output) return [.. _output]; } }

    public IReadOnlyList<AnalysisMeasurement> Measurements { get { lock (_measurements) return [.. _measurements]; } }

    /// <summary>Called (on the analysis' thread) for every measurement as it happens.</summary>
    public Action<AnalysisMeasurement>? OnMeasurement { get; set; }

    /// <summary>A fresh application on the shared HAProxy and Prometheus; skips locally (fails in CI) when they are missing.</summary>
    public static Task<AnalysisStack> StartAsync(SharedServers servers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        servers.Require();
        cancellationToken.ThrowIfCancellationRequested();
        var stack = new AnalysisStack(servers, servers.TakeApp());
        stack.Open(FastCanary());
        return Task.FromResult(stack);
    }

    /// <summary>The analysis settings the tests use: 1 s interval, 2 s initial delay, failure limit 1, 2 consecutive errors.</summary>
    public static HaproxyCanaryOptions FastCanary(int count = 4) => new()
    {
        Interval = TimeSpan.FromSeconds(1), Count = count, InitialDelay = TimeSpan.FromSeconds(2), FailureLimit = 1, ConsecutiveErrorLimit = 2,
    };

    /// <summary>(Re)creates the target with these analysis settings, hooks and extra event sink.</summary>
    public void Open(HaproxyCanaryOptions canary, IRolloutHooks? hooks = null, IRolloutEvents? extraEvents = null, EventShipper? shipper = null, Uri? prometheus = null)
    {
        Target?.Dispose();
        Analysis?.Dispose();
        Analysis = RolloutAnalysis.ForPrometheus(prometheus ?? Servers.Prometheus.Url, new RolloutAnalysisOptions
        {
            HaproxyCanary = canary,
            Output = Write,
            CandidateLogs = DockerContainerLogSource.Factory(Docker),
            OnMeasurement = m =>
            {
                lock (_measurements) _measurements.Add(m);
                OnMeasurement?.Invoke(m);
            },
            Events = shipper,
            LogPollInterval = TimeSpan.FromMilliseconds(250),
        });
        Target = DockerHostTarget.Create(new DockerHostOptions
        {
            StateDirectory = Temp.Combine("state"),
            HaproxySocketPath = Servers.HaproxySocket,
            Events = extraEvents is null ? Events : new global::ContainerCloudBuild.Rollouts.Events.CompositeRolloutEvents(Events, extraEvents),
            Analysis = Analysis,
            Hooks = hooks,
            Controller = new RolloutControllerOptions { CommandPollInterval = TimeSpan.FromMilliseconds(50) },
        });
    }

    public async Task<string> ImageAsync(string version, VersionBehaviour behaviour, CancellationToken cancellationToken)
    {
        var tag = $"ccb-test-{App}:{version}";
        await CgiImages.BuildAsync(Docker, tag, version, behaviour, cancellationToken);
        _images.Add(tag);
        return tag;
    }

    public static WorkloadSpec Workload(string image, string version) => new()
    {
        Image = image,
        Environment = new Dictionary<string, string> { ["APP_VERSION"] = version },
        MemoryLimitBytes = 64 * 1024 * 1024,
        HealthCheck = new HealthCheckSpec { Path = "/healthz", Interval = TimeSpan.FromMilliseconds(100), Deadline = TimeSpan.FromSeconds(15) },
    };

    public async Task DeployStableAsync(string version, CancellationToken cancellationToken)
    {
        var image = await ImageAsync(version, VersionBehaviour.Healthy, cancellationToken);
        var result = await Controller.DeployBlueGreenAsync(new BlueGreenSpec { App = App, Revision = version, Workload = Workload(image, version) }, cancellationToken);
        Assert.True(result.Succeeded, result.Message);
    }

    /// <summary>
    /// The common start of a judged rollout: stable v1 deployed, a v2 image that behaves as
    /// <paramref name="behaviour"/>, and a bounded load (40 s at most) on the frontend. Dispose the load.
    /// </summary>
    public async Task<(string CandidateImage, LoadGenerator Load)> StableV1AndCandidateUnderLoadAsync(
        VersionBehaviour behaviour, int requestsPerSecond, CancellationToken cancellationToken)
    {
        await DeployStableAsync("v1", cancellationToken);
        var image = await ImageAsync("v2", behaviour, cancellationToken);
        var load = new LoadGenerator();
        load.Start(VersionUrl, requestsPerSecond, TimeSpan.FromSeconds(40));
        return (image, load);
    }

    /// <summary>A canary of <paramref name="version"/>: setWeight <paramref name="weight"/>, then the built-in analysis with these step args.</summary>
    public CanarySpec Canary(string version, string image, int weight, IReadOnlyDictionary<string, string>? args = null) => new()
    {
        App = App, Revision = version, Workload = Workload(image, version), DrainTimeout = TimeSpan.FromSeconds(3),
        Steps = [CanaryStep.SetWeight(weight), CanaryStep.Analysis(HaproxyCanaryTemplate.Name, args)],
    };

    public async Task<IReadOnlyList<string>> RevisionsAsync(CancellationToken cancellationToken) =>
        [.. (await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.App}={App}"] = true } },
        }, cancellationToken)).Select(c => c.Labels[DockerLabels.Revision]).Order(StringComparer.Ordinal)];

    private void Write(string line)
    {
        lock (_output) _output.Add(line);
        try { TestContext.Current.TestOutputHelper?.WriteLine(line); }
        catch (InvalidOperationException) { } // the test already ended
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var container in await Docker.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.App}={App}"] = true } },
            }))
                await Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
            foreach (var image in _images)
            {
                try { await Docker.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true, NoPrune = true }); }
                catch (DockerApiException) { }
            }
        }
        finally
        {
            Target?.Dispose();
            Analysis?.Dispose();
            Docker.Dispose();
            Temp.Dispose();
        }
    }
}
