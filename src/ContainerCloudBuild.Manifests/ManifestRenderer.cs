using System.Collections.Concurrent;
using ContainerCloudBuild.Manifests.Output;
using ContainerCloudBuild.Manifests.Templating;
using ContainerCloudBuild.Manifests.Validation;
using ContainerCloudBuild.Manifests.Values;
using ContainerCloudBuild.Manifests.Yaml;

namespace ContainerCloudBuild.Manifests;

/// <summary>
/// Renders and validates a service's Kubernetes manifests in one call:
/// values layering → strict Scriban rendering → typed loading into KubernetesClient models →
/// consistency checks → output. Expected failures come back as diagnostics, never as exceptions.
/// Parsed template folders are cached per instance, so one renderer can render many services.
/// </summary>
public sealed class ManifestRenderer
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TemplateSet>>> _templateSets = new(StringComparer.Ordinal);

    public async Task<RenderResult> RenderAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var diagnostics = new List<ManifestDiagnostic>();
        var set = await GetTemplateSetAsync(request.TemplatesDirectory, cancellationToken).ConfigureAwait(false);
        diagnostics.AddRange(set.Diagnostics);
        if (!set.IsUsable)
            return new RenderResult([], diagnostics, "");

        var merged = await ValuesLayering.MergeAsync(set.Defaults!, request, diagnostics, cancellationToken).ConfigureAwait(false);
        var plain = merged.ToPlain();
        string mergedYaml;
        try
        {
            mergedYaml = YamlBlockWriter.WriteDocument(plain);
        }
        catch (ArgumentException e)
        {
            diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.ValuesWrongType, $"a value cannot be written as YAML: {e.Message}"));
            return new RenderResult([], diagnostics, "");
        }
        if (diagnostics.Any(d => d.IsError))
            return new RenderResult([], diagnostics, mergedYaml);

        var deploy = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["environment"] = request.Environment ?? "default",
            ["image"] = request.Image?.ToDeployString(),
        };
        var outputs = TemplateRunner.Render(set, plain, deploy, diagnostics, cancellationToken);
        var documents = DocumentLoader.Load(outputs, diagnostics);
        documents = ApplyOrder.Sort(documents);
        if (!diagnostics.Any(d => d.IsError))
        {
            WorkloadChecks.Run(documents, diagnostics);
            ReferenceChecks.Run(documents, External(merged), diagnostics);
            DuplicateCheck(documents, diagnostics);
            if (IsOpenShift(merged) || documents.Any(d => d.Model is Models.V1Route))
                OpenShiftChecks.Run(documents, diagnostics);
        }
        var result = new RenderResult(documents, diagnostics, mergedYaml) { RenderedTemplates = outputs };
        if (result.Success)
            await ManifestWriter.WriteAsync(result, request, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Loads (once per instance) and returns the parsed templates of a folder.</summary>
    public Task<TemplateSet> GetTemplateSetAsync(string templatesDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(templatesDirectory);
        var key = Path.GetFullPath(templatesDirectory);
        var lazy = _templateSets.GetOrAdd(key, k => new Lazy<Task<TemplateSet>>(() => TemplateSet.LoadAsync(k, CancellationToken.None)));
        return lazy.Value.WaitAsync(cancellationToken);
    }

    private static ExternalResources External(ValueMap values)
    {
        if (!values.Entries.TryGetValue("external", out var node) || node is not ValueMap external)
            return ExternalResources.None;
        return new ExternalResources(Names(external, "configMaps"), Names(external, "secrets"), Names(external, "persistentVolumeClaims"));
    }

    private static bool IsOpenShift(ValueMap values) =>
        values.Entries.TryGetValue("openshift", out var node) && node is ValueMap openshift
        && openshift.Entries.TryGetValue("enabled", out var enabled) && enabled is ValueScalar { Text: "true" };

    private static HashSet<string> Names(ValueMap map, string key) =>
        map.Entries.TryGetValue(key, out var node) && node is ValueList list
            ? list.Items.OfType<ValueScalar>().Select(s => s.Text).ToHashSet(StringComparer.Ordinal)
            : [];

    private static void DuplicateCheck(List<RenderedDocument> documents, List<ManifestDiagnostic> diagnostics)
    {
        foreach (var group in documents.GroupBy(d => d.DisplayName).Where(g => g.Count() > 1))
        {
            diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.DuplicateResource,
                $"{group.Key} is rendered more than once (by {string.Join(", ", group.Select(d => d.Template))}). Give each resource a unique name.",
                group.First().Template));
        }
    }
}
