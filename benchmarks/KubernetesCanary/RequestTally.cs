using ContainerCloudBuild.Kubernetes.Testing.Api;

namespace KubernetesCanary;

/// <summary>
/// Counts the fake API server's logged requests by verb and resource as kubectl's audit would name them: get, list, watch
/// (one request each, however long it streams), create, update, patch (server-side apply included), delete.
/// </summary>
internal static class RequestTally
{
    public static Dictionary<string, int> Of(IEnumerable<RecordedRequest> requests) =>
        requests.GroupBy(Key).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public static string Key(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (resource, named) = Resource(request.Path);
        var verb = request.Method switch
        {
            "GET" when request.Query.Contains("watch=1", StringComparison.Ordinal) || request.Query.Contains("watch=true", StringComparison.Ordinal) => "watch",
            "GET" => named ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => request.ContentType?.StartsWith("application/apply-patch", StringComparison.Ordinal) == true ? "apply" : "patch",
            "DELETE" => "delete",
            _ => request.Method.ToLowerInvariant(),
        };
        return $"{verb} {resource}";
    }

    /// <summary>The resource (with subresource) of <c>/api/v1/namespaces/ns/pods/name/log</c> or <c>/apis/g/v/namespaces/ns/...</c>.</summary>
    private static (string Resource, bool Named) Resource(string path)
    {
        var parts = path.Trim('/').Split('/');
        var rest = parts switch
        {
            ["api", _, .. var tail] => tail,
            ["apis", _, _, .. var tail] => tail,
            _ => parts,
        };
        if (rest is ["namespaces", _, _, ..])
            rest = rest[2..];
        return rest switch
        {
            [var resource] => (resource, false),
            [var resource, _] => (resource, true),
            [var resource, _, var sub, ..] => ($"{resource}/{sub}", true),
            _ => (path, false),
        };
    }
}
