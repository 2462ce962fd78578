using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>Field selectors (metadata.name=x, involvedObject.name!=y) over any dotted path of the object.</summary>
public sealed class FieldSelector
{
    private readonly List<(string Path, string Value, bool Negate)> terms = [];

    public static FieldSelector Parse(string? text)
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text)) return selector;
        foreach (var term in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            selector.terms.Add((parts[0].Trim(), parts.Length > 1 ? parts[1].Trim() : "", negate));
        }
        return selector;
    }

    public bool Matches(JsonObject obj) => terms.All(t => (obj.AtPath(t.Path) ?? "") == t.Value != t.Negate);
}
