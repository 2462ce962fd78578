using ContainerCloudBuild.Abstractions;
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
            var result = await new ManifestRenderer().RenderAsync(request, ct);
            foreach (var diagnostic in result.Diagnostics) Console.WriteLine(diagnostic.ToString());
            if (PrintValues) Console.WriteLine(result.MergedValuesYaml);
            if (!result.Success)
                throw new InvalidOperationException($"{result.Diagnostics.Count(d => d.IsError)} manifest error(s); nothing was written.");
            foreach (var d in result.Documents) Console.WriteLine($"{d.Kind}/{d.Name} -> {Path.GetRelativePath(RootDirectory, ManifestsDirectory / d.FileName)}");
        });
}
