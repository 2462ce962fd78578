namespace ContainerCloudBuild.Manifests.Values;

/// <summary>The merged values of a service (defaults, values files, environment file, --set) and every diagnostic.</summary>
public sealed record MergedValues(ValueMap? Values, IReadOnlyList<ManifestDiagnostic> Diagnostics)
{
    public bool Success => Values is not null && !Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// The same values layering <see cref="ManifestRenderer"/> renders from, without rendering: what another
/// platform (a Docker host) derives its workload from, so both read one service definition.
/// </summary>
public static class ServiceValues
{
    public static async Task<MergedValues> MergeAsync(ManifestRenderer renderer, RenderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(request);
        var diagnostics = new List<ManifestDiagnostic>();
        var set = await renderer.GetTemplateSetAsync(request.TemplatesDirectory, request.SharedPartialsDirectory, cancellationToken).ConfigureAwait(false);
        diagnostics.AddRange(set.Diagnostics);
        if (!set.IsUsable)
            return new MergedValues(null, diagnostics);
        var merged = await ValuesLayering.MergeAsync(set.Defaults!, request, diagnostics, cancellationToken).ConfigureAwait(false);
        return new MergedValues(merged, diagnostics);
    }
}
