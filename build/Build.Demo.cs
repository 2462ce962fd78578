using ContainerCloudBuild;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Images;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Analysis;
using ContainerCloudBuild.Rollouts.Analysis.Templates;
using ContainerCloudBuild.Rollouts.DockerHost;
using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Rollouts.Hosting;
using ContainerCloudBuild.Tools;

/// <summary>
/// The main job on one machine: local stack (registry, HAProxy, Prometheus), the sample service's
/// image by digest, v1 by blue-green, v2 by canary. Status/Promote/Abort/Undo work from a second shell.
/// </summary>
sealed partial class Build
{
    const string App = "hello-service";

    [Parameter("Where rollout state, stack configs and logs live (default: .state/ under the root)")] readonly AbsolutePath? StateDirectory;
    [Parameter("Port of the demo service's HAProxy frontend on 127.0.0.1")] readonly int AppPort = 18000;
    [Parameter("Seconds each canary pause of the demo lasts")] readonly int CanaryPauseSeconds = 5;

    readonly Dictionary<string, ImageReference> _demoImages = new();

    AbsolutePath State => StateDirectory ?? RootDirectory / ".state";
    AbsolutePath SampleContext => RootDirectory / "artifacts" / App;
    ImageReference DemoRepository => new("127.0.0.1:5000", "demo/" + App);

    LocalStack Stack => new(new LocalStackOptions { StateDirectory = State / "stack", Apps = [new HaproxyApp(App, AppPort)] }, Logger("stack"));

    DockerHostTarget OpenTarget(IAnalysisRunner? analysis = null) => DockerHostTarget.Create(new DockerHostOptions
    {
        StateDirectory = State / "rollouts",
        HaproxySocketPath = Stack.Options.HaproxySocketPath,
        LoggerFactory = new BuildConsoleLoggerFactory(Context.Console),
        Events = new RunRecordRolloutEvents(Context.Events),
        Redact = Context.Secrets.Apply,
        Analysis = analysis,
    });

    /// <summary>The built-in canary analysis: HAProxy success rate and response time from Prometheus, and the candidate's error log lines.</summary>
    RolloutAnalysisRunner DemoAnalysis(global::Docker.DotNet.IDockerClient docker) => RolloutAnalysis.ForPrometheus(
        new Uri($"http://127.0.0.1:{Stack.Options.PrometheusPort}/"),
        new RolloutAnalysisOptions
        {
            Output = Console.WriteLine,
            CandidateLogs = DockerContainerLogSource.Factory(docker),
            // Prometheus scrapes HAProxy every 2 s: wait 3 scrapes, judge rates over 4 scrapes.
            HaproxyCanary = new HaproxyCanaryOptions { InitialDelay = TimeSpan.FromSeconds(6), Window = TimeSpan.FromSeconds(8), Interval = TimeSpan.FromSeconds(2), Count = 4 },
        });

    Target StackUp => _ => _
        .Description("Starts the local registry, HAProxy and Prometheus (after Prerequisites)")
        .DependsOn(Prerequisites)
        .Executes(async ct =>
        {
            var result = await Stack.EnsureRunningAsync(ct);
            if (!result.Ready)
                throw new InvalidOperationException(
                    $"The local stack is not ready: {string.Join("; ", result.Problems)}. Run:\n  {string.Join("\n  ", result.CommandsToRun)}");
            Console.WriteLine($"Registry {result.Registry}, Prometheus {result.PrometheusUrl}, {App} at {result.AppUrls.GetValueOrDefault(App)}");
        });

    Target StackDown => _ => _
        .Description("Stops the local stack and removes the demo's containers")
        .Executes(async ct =>
        {
            using (var target = OpenTarget())
            {
                foreach (var revision in await target.Driver.ListAsync(App, ct))
                    await target.Driver.StopAsync(App, revision.Revision, ct);
            }

            await Stack.StopAsync(ct);
        });

    Target BaseImage => _ => _
        .Description("Builds the runtime base image from Debian packages (nothing can be pulled)")
        .Executes(async ct =>
        {
            using var docker = DockerEngine.CreateClient();
            await new BaseImageBuilder(docker, Logger("base-image")).BuildAsync(BaseImageBuilder.DefaultImage, State / "base-image", rebuild: false, ct);
        });

    Target PublishSample => _ => _
        .Description("Publishes the sample service self-contained for linux-x64")
        .Inputs("samples/hello-service/**", "!**/bin/**", "!**/obj/**")
        .Outputs($"artifacts/{App}/app/{App}", $"artifacts/{App}/Dockerfile")
        .Executes(async ct =>
        {
            await DotNet.Command([.. SamplePublish.Arguments(RootDirectory / "samples" / App / $"{App}.csproj", SampleContext / "app")]).RunAsync(ct);
            File.Copy(RootDirectory / "samples" / App / "Dockerfile", SampleContext / "Dockerfile", overwrite: true);
        });

    Target DemoImages => _ => _
        .Description("Builds v1 and v2 of the sample service and pushes them to the local registry by digest")
        .DependsOn(StackUp, BaseImage, PublishSample)
        .Executes(async ct =>
        {
            using var docker = DockerEngine.CreateClient();
            var builder = new DockerImageBuilder(docker, new BuildConsoleLogger<DockerImageBuilder>(Context.Console));
            var pusher = new DockerImagePusher(docker, new BuildConsoleLogger<DockerImagePusher>(Context.Console), TimeProvider.System);
            foreach (var version in new[] { "1.0.0", "2.0.0" })
            {
                var tagged = DemoRepository.WithTag(version);
                await builder.BuildAsync(new ImageBuildRequest
                {
                    ContextDirectory = SampleContext,
                    Tags = [tagged.ToString()],
                    BuildArgs = new Dictionary<string, string> { ["APP_VERSION"] = version, ["BASE_IMAGE"] = BaseImageBuilder.DefaultImage },
                    Labels = new Dictionary<string, string> { ["org.opencontainers.image.version"] = version, ["org.opencontainers.image.title"] = App },
                }, ct);
                _demoImages[version] = await pusher.PushAsync(tagged, credentials: null, ct);
                Console.WriteLine($"{App} {version}: {_demoImages[version].ToDeployString()}");
            }
        });

    Target Demo => _ => _
        .Description("Deploys v1 by blue-green, then v2 by canary (20% -> analysis -> 50% -> analysis -> 100%), and says where to reach it")
        .DependsOn(DemoImages)
        .Executes(async ct =>
        {
            using var docker = DockerEngine.CreateClient();
            using var analysis = DemoAnalysis(docker);
            using var target = OpenTarget(analysis);
            var stamp = DateTimeOffset.UtcNow.ToString("MMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            Require(await target.Controller.DeployBlueGreenAsync(new BlueGreenSpec
            {
                App = App,
                Revision = $"v1-{stamp}",
                Workload = Workload(_demoImages["1.0.0"]),
                ScaleDownDelay = TimeSpan.FromSeconds(2),
            }, ct));
            var pause = TimeSpan.FromSeconds(CanaryPauseSeconds);
            await using (new DemoTraffic(AppPort, requestsPerSecond: 20, ct))
            {
                Require(await target.Controller.StartCanaryAsync(new CanarySpec
                {
                    App = App,
                    Revision = $"v2-{stamp}",
                    Workload = Workload(_demoImages["2.0.0"]),
                    Steps =
                    [
                        CanaryStep.SetWeight(20), CanaryStep.Analysis(HaproxyCanaryTemplate.Name),
                        CanaryStep.SetWeight(50), CanaryStep.Pause(pause), CanaryStep.Analysis(HaproxyCanaryTemplate.Name),
                    ],
                }, ct));
            }
            Console.WriteLine(RolloutStatusText.Format(await target.Controller.GetStatusAsync(App, ct)));
            Console.WriteLine($"{App} 2.0.0 serves at http://127.0.0.1:{AppPort}/version (Prometheus: http://127.0.0.1:9090). Stop everything with ./build.sh StackDown.");
        });

    Target Status => _ => _
        .Description("Shows the demo service's rollout (works from a second shell during a rollout)")
        .Executes(async ct =>
        {
            using var target = OpenTarget();
            Console.WriteLine(RolloutStatusText.Format(await target.Controller.GetStatusAsync(App, ct)));
        });

    Target Promote => _ => _
        .Description("Promotes the running rollout to its next step (or fully with --full)")
        .Executes(async ct => { using var t = OpenTarget(); Require(await t.Controller.PromoteAsync(App, Full, ct)); });

    Target Abort => _ => _
        .Description("Aborts the running rollout: all traffic back to stable, the new revision removed")
        .Executes(async ct => { using var t = OpenTarget(); Require(await t.Controller.AbortAsync(App, "aborted from the command line", ct)); });

    Target Undo => _ => _
        .Description("Switches traffic back to the previous revision while it is still alive")
        .Executes(async ct => { using var t = OpenTarget(); Require(await t.Controller.UndoAsync(App, ct)); });

    [Parameter("Promote: skip the remaining steps")] readonly bool Full;

    static WorkloadSpec Workload(ImageReference image) => new()
    {
        Image = image.ToDeployString(),
        MemoryLimitBytes = 256L * 1024 * 1024,
        CpuLimit = 0.5,
    };

    void Require(RolloutResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(result.Phase is { } phase ? $"{result.Message} (rollout phase: {phase})" : result.Message);
        Console.WriteLine($"Rollout {result.Phase}: {result.Message}");
    }
}
