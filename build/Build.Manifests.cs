using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Containers;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Manifests;

/// <summary>Kubernetes manifests for the sample service, rendered from templates/ and validated before use.</summary>
sealed partial class Build
{
    [Parameter("Print the merged values")] readonly bool PrintValues;

    AbsolutePath ManifestsDirectory => RootDirectory / "artifacts" / "manifests" / (Environment ?? "default");

    Target Render => _ => _
        .Description("Renders and validates the sample service's manifests into artifacts/manifests/<environment>")
        .After(Push)
        .Executes(async ct =>
        {
            var image = DeployImage is not null ? ImageReference.Parse(DeployImage) : _pushed.FirstOrDefault();
            var request = RenderRequest.ForService(RootDirectory / "templates" / "manifests", DefaultService!, Environment)
                with { Image = image, SetOverrides = Set, OutputDirectory = ManifestsDirectory };
            await new ManifestTasks(Context).RenderAsync(request, PrintValues, ct);
        });
}
