using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Manifests;
using ContainerCloudBuild.Reporting;

namespace ContainerCloudBuild.Containers;

/// <summary>Manifest steps for build targets: render and validate, print the diagnostics, keep what was written in the run record.</summary>
public sealed class ManifestTasks(BuildContext context)
{
    public Task<RenderResult> RenderAsync(RenderRequest request, CancellationToken cancellationToken) =>
        RenderAsync(request, printMergedValues: false, cancellationToken);

    /// <summary>Renders <paramref name="request"/>; fails (nothing written) when a manifest has an error.</summary>
    /// <param name="printMergedValues">Also print the merged values (before the check, so they help to find an error).</param>
    public async Task<RenderResult> RenderAsync(RenderRequest request, bool printMergedValues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await new ManifestRenderer().RenderAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in result.Diagnostics) context.Console.Info(diagnostic.ToString());
        if (printMergedValues) context.Console.Info(result.MergedValuesYaml);
        if (!result.Success)
            throw new InvalidOperationException($"{result.Diagnostics.Count(d => d.IsError)} manifest error(s); nothing was written.");
        foreach (var d in result.Documents)
        {
            var file = request.OutputDirectory is null ? "" : Path.GetRelativePath(context.RootDirectory, Path.Combine(request.OutputDirectory, d.FileName));
            context.Console.Info($"{d.DisplayName} -> {file}");
            context.Events.Record(ReportKinds.ManifestRendered, $"{d.DisplayName} -> {file}", new ReportedManifest(request.Environment, d.Kind, d.Name, file));
        }

        return result;
    }
}
