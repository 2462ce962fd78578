namespace ContainerCloudBuild.Harbor.Testing.Spec;

/// <summary>An HTTP request as the validator sees it: the raw (still encoded) path and query.</summary>
internal sealed record SpecRequest(
    string Method,
    string RawPathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    string? Body)
{
    public string RawPath => RawPathAndQuery.Split('?', 2)[0];

    /// <summary>Query parameters, decoded once.</summary>
    public IReadOnlyDictionary<string, string> Query { get; } = ParseQuery(RawPathAndQuery);

    private static Dictionary<string, string> ParseQuery(string rawPathAndQuery)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = rawPathAndQuery.Split('?', 2);
        if (parts.Length < 2)
            return result;
        foreach (var pair in parts[1].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            result[Decode(kv[0])] = kv.Length > 1 ? Decode(kv[1]) : "";
        }

        return result;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}

/// <summary>The result of checking one request: the matched operation, path parameters (decoded once) and violations.</summary>
internal sealed record SpecMatch(SpecOperation? Operation, IReadOnlyDictionary<string, string> PathParameters,
    IReadOnlyList<string> Violations)
{
    public bool IsValid => Operation is not null && Violations.Count == 0;
}
