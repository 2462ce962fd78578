namespace ContainerCloudBuild.Manifests.Output;

/// <summary>Orders documents so dependencies come first and assigns unique file names.</summary>
internal static class ApplyOrder
{
    private static readonly string[] Kinds =
    [
        "Namespace", "NetworkPolicy", "ServiceAccount", "Secret", "ConfigMap", "PersistentVolumeClaim",
        "Service", "Deployment", "StatefulSet", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress", "Route", "HTTPRoute",
    ];

    public static List<RenderedDocument> Sort(List<RenderedDocument> documents)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        return documents
            .Select((d, i) => (Document: d, Index: i))
            .OrderBy(p => Rank(p.Document.Kind))
            .ThenBy(p => p.Index)
            .Select(p => p.Document with { FileName = UniqueName(p.Document, used) })
            .ToList();
    }

    private static int Rank(string kind)
    {
        var index = Array.IndexOf(Kinds, kind);
        return index < 0 ? Kinds.Length : index;
    }

    private static string UniqueName(RenderedDocument document, HashSet<string> used)
    {
        var stem = $"{document.Kind}-{document.Name}".ToLowerInvariant();
        stem = new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());
        var name = stem + ".yaml";
        for (var n = 2; !used.Add(name); n++)
            name = $"{stem}-{n}.yaml";
        return name;
    }
}
