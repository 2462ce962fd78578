using ContainerCloudBuild.Abstractions;
#if (ci != "none")
using ContainerCloudBuild.CiGeneration;
#endif
using ContainerCloudBuild.Containers;
using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Harbor;
using ContainerCloudBuild.Manifests;
using ContainerCloudBuild.Tools;

/// <summary>
/// The service's pipeline: Compile -> Test -> Image -> Push -> ScanGate -> Deploy, Render for Kubernetes, and from
/// DeployBuild StackUp, Deploy, Status, Promote, Abort, Undo, History (values: deploy/values[.environment].yaml).
/// The CI attribute below is what the CI file is generated from (./build.sh GenerateCi writes it, ./build.sh CheckCi fails
/// when the committed file is stale): Test on every push and merge request, then on the default branch Push once (the
/// pushed digest recorded with --published-image-file and handed on) and Deploy that digest to staging, then production
/// (--deploy-image-file), one deploy per environment at a time; [Secret] parameters become the CI system's secrets.
/// </summary>
#if (ci == "gitlab")
[GitLabCi("Test", PublishTarget = "Push", DeployTargets = ["Deploy"], Environments = ["staging", "production"])]
#elif (ci == "jenkins")
[Jenkins("Test", PublishTarget = "Push", DeployTargets = ["Deploy"], Environments = ["staging", "production"])]
#elif (ci == "github")
[GitHubActions("Test", PublishTarget = "Push", DeployTargets = ["Deploy"], Environments = ["staging", "production"])]
#endif
sealed class Build : DeployBuild
{
    public static Task<int> Main(string[] args) => Run<Build>(args, x => x.Test);

    [Parameter("Build configuration")] readonly string Configuration = "Release";
    [Parameter("The service's project, published into the image")] readonly string ServiceProject = "src/CcbService/CcbService.csproj";
    [Parameter("Registry host[:port] images are pushed to")] readonly string Registry = "ccb-registry.example";
    [Parameter("Image repository in the registry (project/name)")] readonly string ImageRepository = "ccb-harbor-project/ccb-service-id";
    [Parameter("Base image the Dockerfile builds FROM (one the engine has: nothing is pulled)")] readonly string BaseImage = "mcr.microsoft.com/dotnet/aspnet:10.0";
    [Parameter("Registry user (none: anonymous)")] readonly string? RegistryUser;
    [Parameter, Secret] readonly string? RegistryPassword;
    [Parameter("Lowest severity that fails the scan gate")] readonly Severity ScanSeverity = Severity.High;

    IReadOnlyList<ImageReference> _built = [];
    IReadOnlyList<ImageReference> _pushed = [];

    protected override AbsolutePath? DefaultService => RootDirectory / "deploy";

    AbsolutePath Solution => Directory.EnumerateFiles(RootDirectory, "*.sln*").Order(StringComparer.Ordinal).Select(f => new AbsolutePath(f)).FirstOrDefault()
        ?? throw new InvalidOperationException($"No *.sln or *.slnx in {RootDirectory}.");
    AbsolutePath ImageContext => RootDirectory / "artifacts" / "image";
    RegistryCredentials? Credentials => RegistryUser is null ? null : new RegistryCredentials(Registry, RegistryUser, RegistryPassword ?? "");

    Target Compile => _ => _
        .Description("Restores and compiles the solution (warnings are errors)")
        .Executes(async ct =>
        {
            await DotNet.Restore(Solution).RunAsync(ct);
            await DotNet.Build(Solution, Configuration).RunAsync(ct);
        });

    Target Test => _ => _
        .Description("Runs the tests")
        .DependsOn(Compile)
        .Executes(ct => DotNet.Test(Solution, Configuration).RunAsync(ct));

    Target Image => _ => _
        .Description("Publishes the service and builds its image FROM --base-image, tagged from git with OCI labels")
        .DependsOn(Test)
        .Executes(async ct =>
        {
            if (Directory.Exists(ImageContext))
                Directory.Delete(ImageContext, recursive: true);
            await DotNet.Command("publish", RootDirectory / ServiceProject, "-c", Configuration, "-p:UseAppHost=false", "-o", ImageContext / "app").RunAsync(ct);
            File.Copy(RootDirectory / "Dockerfile", ImageContext / "Dockerfile");
            using var images = new ImageTasks(Context);
            _built = await images.BuildAsync(ImageContext, new ImageReference(Registry, ImageRepository), ct,
                buildArgs: new Dictionary<string, string> { ["BASE_IMAGE"] = BaseImage, ["APP_VERSION"] = images.Source.Version });
        });

    Target Push => _ => _
        .Description("Pushes every tag and records the digest Deploy and Render use, also in --published-image-file (Deploy runs it unless --deploy-image or --deploy-image-file names an image)")
        .DependsOn(Image)
        .DependentFor(Deploy)
        .After(StackUp) // Deploy on a Docker host starts the local registry first, then pushes to it
        .OnlyWhenStatic(() => !DeploysGivenImage)
        .Executes(async ct =>
        {
            using var images = new ImageTasks(Context);
            _pushed = await images.PushAsync(_built, Credentials, ct);
            await RecordPublishedImageAsync(_pushed[0], ct);
        });

    Target ScanGate => _ => _
        .Description("Fails when Harbor finds vulnerabilities at or above --scan-severity in the image to deploy (pushed, or given)")
        .DependsOn(Push)
        .DependentFor(Deploy)
        .OnlyWhenStatic(() => HarborUrl != null)
        .Requires(() => HarborPassword)
        .Executes(async ct =>
        {
            using var harbor = new HarborTasks(Context, HarborUrl!, HarborUser, HarborPassword!);
            await harbor.ScanGateAsync(await GivenImageAsync(ct) ?? _pushed[0], ScanSeverity, TimeSpan.FromMinutes(10), ct);
        });

    Target Render => _ => _
        .Description("Renders and validates Kubernetes manifests into artifacts/manifests/<environment>")
        .After(Push)
        .Executes(async ct =>
        {
            var output = RootDirectory / "artifacts" / "manifests" / (Environment ?? "default");
            var image = await GivenImageAsync(ct) ?? _pushed.FirstOrDefault();
            var request = RenderRequest.ForService(DeployTemplates.Find(RootDirectory), DefaultService!, Environment)
                with { Image = image, SetOverrides = Set, OutputDirectory = output };
            var result = await new ManifestRenderer().RenderAsync(request, ct);
            foreach (var diagnostic in result.Diagnostics) Context.Console.Info(diagnostic.ToString());
            if (!result.Success)
                throw new InvalidOperationException($"{result.Diagnostics.Count(d => d.IsError)} manifest error(s); nothing was written.");
            foreach (var d in result.Documents) Context.Console.Info($"{d.Kind}/{d.Name} -> {Path.GetRelativePath(RootDirectory, output / d.FileName)}");
        });

    protected override Task<ImageReference> ImageToDeployAsync(ServiceDefinition service, CancellationToken cancellationToken) =>
        !DeploysGivenImage && _pushed.Count > 0 ? Task.FromResult(_pushed[0]) : base.ImageToDeployAsync(service, cancellationToken);
}
