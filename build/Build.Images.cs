using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Containers;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Harbor;
using ContainerCloudBuild.Images;

/// <summary>Image -> Push -> ScanGate -> PromoteImage for the sample service.</summary>
sealed partial class Build
{
    [Parameter("Registry host[:port] images are pushed to")] readonly string Registry = "127.0.0.1:5000";
    [Parameter("Registry user (none: anonymous)")] readonly string? RegistryUser;
    [Parameter, Secret] readonly string? RegistryPassword;
    [Parameter("Lowest severity that fails the scan gate")] readonly Severity ScanSeverity = Severity.High;
    [Parameter("Repository (project/name) that PromoteImage copies the pushed image to")] readonly string PromoteTo = "prod/hello-service";

    IReadOnlyList<ImageReference> _built = [];
    IReadOnlyList<ImageReference> _pushed = [];

    ImageReference ServiceRepository => new(Registry, "demo/hello-service");
    RegistryCredentials? Credentials => RegistryUser is null ? null : new RegistryCredentials(Registry, RegistryUser, RegistryPassword ?? "");

    Target Image => _ => _
        .Description("Builds the sample service's image, tagged from git (version, sha, branch) with OCI labels")
        .DependsOn(BaseImage, PublishSample)
        .Executes(async ct =>
        {
            using var images = new ImageTasks(Context);
            _built = await images.BuildAsync(SampleContext, ServiceRepository, ct,
                buildArgs: new Dictionary<string, string> { ["BASE_IMAGE"] = RuntimeImage, ["APP_VERSION"] = images.Source.Version });
        });

    Target Push => _ => _
        .Description("Pushes every tag and records the digest later steps deploy by")
        .DependsOn(Image)
        .Executes(async ct =>
        {
            using var images = new ImageTasks(Context);
            _pushed = await images.PushAsync(_built, Credentials, ct);
        });

    Target ScanGate => _ => _
        .Description("Fails when Harbor finds vulnerabilities at or above --scan-severity")
        .DependsOn(Push)
        .OnlyWhenStatic(() => HarborUrl != null)
        .Requires(() => HarborPassword)
        .Executes(async ct =>
        {
            using var harbor = new HarborTasks(Context, HarborUrl!, HarborUser, HarborPassword!);
            await harbor.ScanGateAsync(_pushed[0], ScanSeverity, TimeSpan.FromMinutes(10), ct);
        });

    Target PromoteImage => _ => _
        .Description("Copies the pushed image to --promote-to by digest, without pulling it")
        .DependsOn(Push, ScanGate)
        .Executes(async ct =>
        {
            using var registry = new RegistryTasks(Context, Credentials is { } c ? [c] : []);
            var source = _pushed[0];
            await registry.PromoteAsync(source, source.WithRepository(PromoteTo).WithTag(source.Tag!), ct);
        });
}
