using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Access;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>
/// Untyped object access through the connection's authenticated client (any kind, as JSON): server-side apply, get,
/// list by label, delete. Errors carry the status, the Status reason and name the object and the cluster target.
/// </summary>
public sealed class KubeApi(ClusterHttp http, string where)
{
    /// <summary>Through the connection's channel, naming its target in errors.</summary>
    public KubeApi(ClusterConnection connection)
        : this((connection ?? throw new ArgumentNullException(nameof(connection))).Http, connection.Target.ToString())
    {
    }

    /// <summary>Through a KubernetesClient client of its own (its credentials and TLS).</summary>
    public KubeApi(k8s.Kubernetes client, string where)
        : this(ClusterHttp.Through(client), where)
    {
    }

    public const string ApplyContentType = "application/apply-patch+yaml";

    /// <summary>Server-side apply (JSON is YAML) with <paramref name="fieldManager"/>; returns the object the server holds (or would).</summary>
    public async Task<JsonObject> ApplyAsync(ResourceId id, JsonObject body, string fieldManager, bool force, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(body);
        var query = $"?fieldManager={Uri.EscapeDataString(fieldManager)}&fieldValidation=Strict" + (force ? "&force=true" : "") + (dryRun ? "&dryRun=All" : "");
        using var request = new HttpRequestMessage(HttpMethod.Patch, id.Path + query)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ApplyContentType);
        var (status, text) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.Conflict && ApplyConflictException.ParseConflicts(text) is { Count: > 0 } conflicts)
            throw new ApplyConflictException(id, where, conflicts, text);
        return Ok(status, text, "apply", id.ToString()) ?? throw Failure(status, text, "apply", id.ToString());
    }

    public async Task<JsonObject?> GetAsync(ResourceId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var request = new HttpRequestMessage(HttpMethod.Get, id.Path);
        var (status, text) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return status == HttpStatusCode.NotFound ? null : Ok(status, text, "read", id.ToString());
    }

    /// <summary>Objects of <paramref name="kind"/> in <paramref name="ns"/> matching <paramref name="labelSelector"/>; none when the kind is not served.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(ResourceKind kind, string? ns, string labelSelector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        using var request = new HttpRequestMessage(HttpMethod.Get, kind.Path(ns, null) + "?labelSelector=" + Uri.EscapeDataString(labelSelector));
        var (status, text) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.NotFound)
            return [];
        var list = Ok(status, text, "list", $"{kind.Plural} ({labelSelector})");
        return [.. (list?["items"]?.AsArray() ?? []).OfType<JsonObject>()];
    }

    /// <summary>
    /// Objects of <paramref name="kind"/> whose label <paramref name="labelKey"/> is one of <paramref name="values"/>
    /// (<c>key in (a,b,...)</c>), with one list per <see cref="ValuesPerList"/> values so that a request line stays short.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> ListAnyAsync(ResourceKind kind, string? ns, string labelKey, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var items = new List<JsonObject>();
        foreach (var chunk in values.Distinct(StringComparer.Ordinal).Chunk(ValuesPerList))
            items.AddRange(await ListAsync(kind, ns, $"{labelKey} in ({string.Join(',', chunk)})", cancellationToken).ConfigureAwait(false));
        return items;
    }

    public const int ValuesPerList = 50;

    /// <summary>Deletes (background propagation); an object already gone is fine.</summary>
    public async Task DeleteAsync(ResourceId id, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var request = new HttpRequestMessage(HttpMethod.Delete, id.Path + "?propagationPolicy=Background" + (dryRun ? "&dryRun=All" : ""));
        var (status, text) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.NotFound)
            _ = Ok(status, text, "delete", id.ToString());
    }

    private async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.RequestUri = new Uri(http.BaseUri, request.RequestUri!.OriginalString);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException e)
        {
            throw new KubeApiException($"Cannot reach the API server of {where}: {e.Message}", 0, null, "", e);
        }
    }

    private JsonObject? Ok(HttpStatusCode status, string text, string verb, string what)
    {
        if ((int)status is < 200 or > 299)
            throw Failure(status, text, verb, what);
        return JsonNode.Parse(text) as JsonObject;
    }

    private KubeApiException Failure(HttpStatusCode status, string text, string verb, string what)
    {
        string? reason = null, message = null;
        try
        {
            var node = JsonNode.Parse(text);
            reason = node?["reason"]?.GetValue<string>();
            message = node?["message"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
        }
        var hint = status switch
        {
            HttpStatusCode.Unauthorized => " Check the credentials of the context.",
            HttpStatusCode.Forbidden => " The context's user lacks the permission (RBAC).",
            _ => "",
        };
        return new KubeApiException($"Cannot {verb} {what} on {where}: {(int)status} {reason ?? status.ToString()}: {message ?? Truncate(text)}.{hint}", status, reason, text);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
