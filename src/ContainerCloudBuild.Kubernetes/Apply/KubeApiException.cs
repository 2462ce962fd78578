using System.Net;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>The API server refused a request: status code, the Status reason and message, and what was asked.</summary>
public class KubeApiException(string message, HttpStatusCode statusCode, string? reason, string body, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    /// <summary>The Status object's <c>reason</c> (Conflict, NotFound, Invalid, Forbidden, ...).</summary>
    public string? Reason { get; } = reason;
    public string Body { get; } = body;
}

/// <summary>One field another manager owns: the field path and the manager's name.</summary>
public sealed record FieldConflict(string Field, string Manager, string Message);

/// <summary>A server-side apply conflict: which fields, owned by which managers; <c>--force-conflicts</c> takes them over.</summary>
public sealed class ApplyConflictException(ResourceId resource, string where, IReadOnlyList<FieldConflict> conflicts, string body)
    : KubeApiException(Describe(resource, where, conflicts), HttpStatusCode.Conflict, "Conflict", body)
{
    public ResourceId Resource { get; } = resource;
    public IReadOnlyList<FieldConflict> Conflicts { get; } = conflicts;

    private static string Describe(ResourceId resource, string where, IReadOnlyList<FieldConflict> conflicts) =>
        $"Applying {resource} on {where} conflicts with another field manager: " +
        string.Join("; ", conflicts.Select(c => $"{c.Field} is owned by \"{c.Manager}\"")) +
        ". Pass --force-conflicts to take these fields over, or remove them from the other manager.";

    /// <summary>Reads the conflicts out of a 409 Status body (details.causes of reason FieldManagerConflict).</summary>
    public static IReadOnlyList<FieldConflict> ParseConflicts(string body)
    {
        var conflicts = new List<FieldConflict>();
        JsonNode? status;
        try
        {
            status = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return conflicts;
        }
        foreach (var cause in status?["details"]?["causes"]?.AsArray() ?? [])
        {
            if (cause?["reason"]?.GetValue<string>() is not "FieldManagerConflict")
                continue;
            var message = cause["message"]?.GetValue<string>() ?? "";
            conflicts.Add(new FieldConflict(cause["field"]?.GetValue<string>() ?? "(unknown field)", ManagerOf(message), message));
        }
        return conflicts;
    }

    /// <summary><c>conflict with "kubectl-edit" using apps/v1</c> → <c>kubectl-edit</c>.</summary>
    internal static string ManagerOf(string message)
    {
        var start = message.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
        return end > start ? message[(start + 1)..end] : "(unknown manager)";
    }
}
