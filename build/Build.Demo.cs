using ContainerCloudBuild;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Images;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Tools;

/// <summary>
/// The main job on one machine: the sample service's image by digest, v1 by blue-green, v2 by canary, through the
/// same Deploy path any build uses (DeployBuild: StackUp, Status, Promote, Abort, Undo, History from a second shell).
/// With --zabbix (and --zabbix-url/--zabbix-token): the sample runs on the Zabbix agent base image and reports as it starts.
/// </summary>
sealed partial class Build
{
    const string App = "hello-service";

    [Parameter("Seconds each canary pause of the demo lasts (overrides the pauses in the service's values)")] readonly int? CanaryPauseSeconds;

    [Parameter("Demo with Zabbix (needs --zabbix-url and --zabbix-token): the sample on the Zabbix agent base image, each revision's host pre-registered in ccb/<tenant>, maintenance and deploy events for its rollouts", Name = "Zabbix")]
    readonly bool DemoZabbix;

    readonly Dictionary<string, ImageReference> _demoImages = new();

    protected override AbsolutePath? DefaultService => RootDirectory / "templates" / "samples" / App;

    AbsolutePath SampleContext => RootDirectory / "artifacts" / App;
    ImageReference DemoRepository => new($"127.0.0.1:{CreateDeployOptions().RegistryPort}", "demo/" + App);

    /// <summary>The ASP.NET Core runtime image (its own layer, from this machine's .NET installation) the sample runs on.</summary>
    string RuntimeImage => DotNetRuntimeImageBuilder.ImageFor($"127.0.0.1:{CreateDeployOptions().RegistryPort}", DotNetInstallation.Current());

    /// <summary>The same runtime layer on the Zabbix agent base image (its entrypoint starts the agent, then the sample's CMD).</summary>
    string ZabbixRuntimeImage => RuntimeImage.Replace("/base/aspnet:", "/base/aspnet-zabbix:", StringComparison.Ordinal);

    string SampleBaseImage => DemoZabbix ? ZabbixRuntimeImage : RuntimeImage;

    /// <summary>--zabbix names no server of its own: the Deploy's Zabbix connection (--zabbix-url, --zabbix-token) must be there.</summary>
    void RequireDemoZabbixConnection()
    {
        if (DemoZabbix && CreateDeployOptions().Zabbix is null)
            throw new InvalidOperationException("--zabbix needs a Zabbix 6.0 server: pass --zabbix-url (its frontend) and --zabbix-token (or ZABBIX_TOKEN), and --zabbix-sender when its trapper is not on the URL's host at port 10051.");
    }

    Target BaseImage => _ => _
        .Description("Builds the base images once: runtime-deps from Debian packages, then the .NET runtime layer on it (nothing can be pulled)")
        .Executes(async ct =>
        {
            RequireDemoZabbixConnection();
            using var docker = DockerEngine.CreateClient();
            await new BaseImageBuilder(docker, Logger("base-image")).BuildAsync(BaseImageBuilder.DefaultImage, State / "base-image", rebuild: false, ct);
            var builder = new DockerImageBuilder(docker, new BuildConsoleLogger<DockerImageBuilder>(Context.Console));
            var runtime = new DotNetRuntimeImageBuilder(docker, builder, Logger("base-image"));
            await runtime.BuildAsync(RuntimeImage, BaseImageBuilder.DefaultImage, DotNetInstallation.Current(), State / "base-image", rebuild: false, ct);
            if (!DemoZabbix)
                return;
            await new BaseImageBuilder(docker, Logger("base-image"))
                .BuildAsync(ZabbixAgentImage.DefaultImage, await ZabbixAgentImage.RecipeAsync(State / "base-image", ct), State / "base-image", rebuild: false, ct);
            await runtime.BuildAsync(ZabbixRuntimeImage, ZabbixAgentImage.DefaultImage, DotNetInstallation.Current(), State / "base-image", rebuild: false, ct);
        });

    Target PublishSample => _ => _
        .Description("Publishes the sample service framework-dependent for linux-x64 (the runtime is in the base image)")
        .Inputs("samples/hello-service/**", "build/SamplePublish.cs", "!**/bin/**", "!**/obj/**")
        .Outputs($"artifacts/{App}/app/{App}.dll", $"artifacts/{App}/Dockerfile")
        .Executes(async ct =>
        {
            if (Directory.Exists(SampleContext / "app"))
                Directory.Delete(SampleContext / "app", recursive: true); // only this publish's output travels as build context
            await DotNet.Command([.. SamplePublish.Arguments(RootDirectory / "samples" / App / $"{App}.csproj", SampleContext / "app")]).RunAsync(ct);
            File.Copy(RootDirectory / "samples" / App / "Dockerfile", SampleContext / "Dockerfile", overwrite: true);
        });

    Target DemoImages => _ => _
        .Description("Builds v1 and v2 of the sample service (with --zabbix on the Zabbix agent base image) and pushes them to the local registry by digest")
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
                    BuildArgs = new Dictionary<string, string> { ["APP_VERSION"] = version, ["BASE_IMAGE"] = SampleBaseImage },
                    Labels = new Dictionary<string, string> { ["org.opencontainers.image.version"] = version, ["org.opencontainers.image.title"] = App },
                }, ct);
                _demoImages[version] = await pusher.PushAsync(tagged, credentials: null, ct);
                Console.WriteLine($"{App} {version}: {_demoImages[version].ToDeployString()}");
            }
        });

    Target Demo => _ => _
        .Description("Deploys v1 by blue-green, then v2 by canary (the steps in the service's values: 20% -> analysis -> 50% -> pause -> analysis -> 100%)")
        .DependsOn(DemoImages)
        .Executes(async ct =>
        {
            RequireDemoZabbixConnection();
            using var deploy = OpenDeploy();
            var service = DemoZabbix
                ? await deploy.ReadServiceAsync(ServiceFolder!, Environment, [.. Set, "zabbix.enabled=true", "zabbix.agent=true"], ct)
                : await ReadServiceAsync(deploy, ct);
            Require(await deploy.RolloutAsync(service, _demoImages["1.0.0"], DeployStrategy.BlueGreen, ct));
            if (CanaryPauseSeconds is { } seconds)
                service = service with { Rollout = service.Rollout with { CanarySteps = [.. service.Rollout.CanarySteps.Select(s => s.Kind == CanaryStepKind.Pause ? s with { Pause = TimeSpan.FromSeconds(seconds) } : s)] } };
            await using (new DemoTraffic(service.Rollout.RouterPort, requestsPerSecond: 20, ct))
                Require(await deploy.RolloutAsync(service, _demoImages["2.0.0"], DeployStrategy.Canary, ct));
            Console.WriteLine(RolloutStatusText.Format(await deploy.StatusAsync(App, ct)));
            Console.WriteLine($"{App} 2.0.0 serves at http://127.0.0.1:{service.Rollout.RouterPort}/version (Prometheus: {CreateDeployOptions().PrometheusUrl}). Stop everything with ./build.sh StackDown.");
        });
}
