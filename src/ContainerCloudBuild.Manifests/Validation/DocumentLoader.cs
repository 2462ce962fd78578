using k8s;
using k8s.Models;
using ContainerCloudBuild.Manifests.Templating;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContainerCloudBuild.Manifests.Validation;

/// <summary>
/// Splits each template's output into documents (at lines that are exactly <c>---</c>; values are
/// always quoted, so only a template can produce such a line) and loads every document into
/// KubernetesClient's typed model in strict mode.
/// </summary>
internal static class DocumentLoader
{
    public static List<RenderedDocument> Load(IEnumerable<TemplateOutput> outputs, List<ManifestDiagnostic> diagnostics)
    {
        var documents = new List<RenderedDocument>();
        foreach (var output in outputs)
        {
            foreach (var text in Split(output.Text))
            {
                if (LoadOne(output.Template, text, diagnostics) is { } document)
                    documents.Add(document);
            }
        }
        return documents;
    }

    internal static IEnumerable<string> Split(string text)
    {
        var current = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimEnd() == "---")
            {
                if (Normalize(current) is { } doc) yield return doc;
                current.Clear();
            }
            else
            {
                current.Add(line.TrimEnd());
            }
        }
        if (Normalize(current) is { } last) yield return last;
    }

    private static string? Normalize(List<string> lines)
    {
        var start = lines.FindIndex(l => l.Length > 0 && !l.StartsWith('#'));
        if (start < 0) return null;
        var end = lines.FindLastIndex(l => l.Length > 0);
        return string.Join('\n', lines.Skip(start).Take(end - start + 1)) + "\n";
    }

    private static RenderedDocument? LoadOne(string template, string text, List<ManifestDiagnostic> diagnostics)
    {
        // Fast path: load the typed model directly; the YAML tree is only built to explain a failure.
        try
        {
            if (KubernetesYaml.LoadAllFromString(text, KubernetesKinds.TypeMap, strict: true) is [IKubernetesObject<V1ObjectMeta> { Metadata.Name: { } name } model]
                && model.ApiVersion is { } apiVersion && model.Kind is { } kind)
            {
                return new RenderedDocument(template, apiVersion, kind, name, text, model);
            }
        }
        catch (Exception e) when (e is YamlException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidCastException)
        {
            // Explained below with the document's name and the failing field.
        }
        return Explain(template, text, diagnostics);
    }

    private static RenderedDocument? Explain(string template, string text, List<ManifestDiagnostic> diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.TemplateOutputNotYaml,
                $"the template produced invalid YAML at rendered line {e.Start.Line}, column {e.Start.Column}: {e.Message}. Check the template's indentation and quote values with `quote`.",
                template));
            return null;
        }
        var root = stream.Documents[0].RootNode as YamlMappingNode;
        var apiVersion = Scalar(root, "apiVersion");
        var kind = Scalar(root, "kind");
        var name = root?.Children.TryGetValue(new YamlScalarNode("metadata"), out var meta) == true ? Scalar(meta as YamlMappingNode, "name") : null;
        if (root is null || apiVersion is null || kind is null || name is null)
        {
            diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.MissingIdentity,
                "a rendered document lacks apiVersion, kind or metadata.name. Every document must be a Kubernetes resource with all three.", template));
            return null;
        }
        var display = $"{kind}/{name}";
        if (KubernetesKinds.Find(apiVersion, kind) is null)
        {
            diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.UnknownKind,
                $"document {display}: unknown kind '{kind}' for apiVersion '{apiVersion}'. Use a built-in Kubernetes kind with its apiVersion (e.g. apps/v1 Deployment).", template));
            return null;
        }
        try
        {
            var model = (IKubernetesObject)KubernetesYaml.LoadAllFromString(text, KubernetesKinds.TypeMap, strict: true)[0];
            return new RenderedDocument(template, apiVersion, kind, name, text, model);
        }
        catch (YamlException e)
        {
            diagnostics.Add(FieldError(template, display, root, e));
            return null;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or InvalidCastException)
        {
            diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.WrongFieldType,
                $"document {display}: cannot be loaded as {kind}: {e.Message} Render the shape the Kubernetes API expects.", template));
            return null;
        }
    }

    private static ManifestDiagnostic FieldError(string template, string display, YamlMappingNode root, YamlException e)
    {
        var field = YamlPathLocator.Find(root, e.Start.Line, e.Start.Column) ?? "(unknown)";
        var where = $"document {display}, field '{field}' (rendered line {e.Start.Line})";
        if (e.Message.StartsWith("Property '", StringComparison.Ordinal))
        {
            return ManifestDiagnostic.Error(DiagnosticCodes.UnknownField,
                $"{where}: unknown field. {e.Message} Remove it or fix its name.", template);
        }
        var reason = e.InnerException?.Message ?? e.Message;
        return ManifestDiagnostic.Error(DiagnosticCodes.WrongFieldType,
            $"{where}: wrong type. {reason} Render the type the Kubernetes API expects.", template);
    }

    private static string? Scalar(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value : null;
}
