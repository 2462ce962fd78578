using System.Text.RegularExpressions;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>The label selector syntax: a=b, a==b, a!=b, a in (x,y), a notin (x), a, !a — comma separated.</summary>
public sealed partial class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> requirements = [];

    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text)) return selector;
        foreach (Match m in Requirement().Matches(text))
        {
            var key = m.Groups["key"].Value;
            if (m.Groups["not"].Success) selector.requirements.Add(l => !l.ContainsKey(key));
            else if (m.Groups["set"].Success)
            {
                var values = m.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var negate = m.Groups["set"].Value == "notin";
                selector.requirements.Add(l => negate ? !(l.TryGetValue(key, out var v) && values.Contains(v)) : l.TryGetValue(key, out var w) && values.Contains(w));
            }
            else if (m.Groups["op"].Success)
            {
                var value = m.Groups["value"].Value;
                var negate = m.Groups["op"].Value == "!=";
                selector.requirements.Add(l => negate ? !(l.TryGetValue(key, out var v) && v == value) : l.TryGetValue(key, out var w) && w == value);
            }
            else selector.requirements.Add(l => l.ContainsKey(key));
        }
        return selector;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => requirements.All(r => r(labels));

    [GeneratedRegex(@"(?<not>!)?\s*(?<key>[A-Za-z0-9./_-]+)\s*(?:(?<set>notin|in)\s*\((?<values>[^)]*)\)|(?<op>==|!=|=)\s*(?<value>[A-Za-z0-9._-]*))?\s*(?:,|$)")]
    private static partial Regex Requirement();
}
