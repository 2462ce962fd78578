using ContainerCloudBuild.Abstractions;

namespace ContainerCloudBuild.Manifests;

/// <summary>
/// Everything one render needs. Values layer in this order: <c>defaults.yaml</c> of the templates
/// folder, then each of <see cref="ValuesFiles"/>, then <c>values.&lt;Environment&gt;.yaml</c> next to
/// the last values file (when <see cref="Environment"/> is set; it must exist), then
/// <see cref="SetOverrides"/> (<c>path.to.key=value</c>). Output goes to <see cref="OutputDirectory"/>
/// (one file per resource) and/or <see cref="OutputStream"/> (one multi-document stream), and only
/// when the render succeeded.
/// </summary>
public sealed record RenderRequest(string TemplatesDirectory)
{
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];
    public string? Environment { get; init; }
    public IReadOnlyList<string> SetOverrides { get; init; } = [];

    /// <summary>The image the pipeline built; deployed by digest when it has one. Overrides values.image.</summary>
    public ImageReference? Image { get; init; }

    /// <summary>Another templates folder whose partials (<c>_*.scriban</c>) this render may include (e.g. the tenant templates use the services' network rules).</summary>
    public string? SharedPartialsDirectory { get; init; }

    public string? OutputDirectory { get; init; }
    public Stream? OutputStream { get; init; }

    /// <summary>A service folder holding <c>values.yaml</c> (and <c>values.&lt;environment&gt;.yaml</c>).</summary>
    public static RenderRequest ForService(string templatesDirectory, string serviceDirectory, string? environment) =>
        new(templatesDirectory)
        {
            ValuesFiles = [Path.Combine(serviceDirectory, "values.yaml")],
            Environment = environment,
        };
}

/// <summary>The outcome: validated documents in apply order, every diagnostic, and the merged values.</summary>
public sealed record RenderResult(
    IReadOnlyList<RenderedDocument> Documents,
    IReadOnlyList<ManifestDiagnostic> Diagnostics,
    string MergedValuesYaml)
{
    /// <summary>The raw text each resource template produced, before validation (for debugging and tests).</summary>
    public IReadOnlyList<Templating.TemplateOutput> RenderedTemplates { get; init; } = [];

    public bool Success => !Diagnostics.Any(d => d.IsError);

    /// <summary>All documents as one multi-document YAML stream.</summary>
    public string ToMultiDocumentYaml() => string.Join("---\n", Documents.Select(d => d.Yaml));
}
