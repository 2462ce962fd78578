using System.Net;
using System.Text.Json;
using ContainerCloudBuild.Abstractions;

namespace ContainerCloudBuild.Registry;

public sealed partial class RegistryClient
{
    public async Task<IReadOnlyList<string>> ListTagsAsync(ImageReference repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var operation = $"list tags of {repository.Name}";
        var tags = new List<string>();
        string? next = $"v2/{repository.Repository}/tags/list?n={_options.TagPageSize}";
        var pages = 0;
        while (next is not null)
        {
            if (++pages > 10_000)
                throw new RegistryException(repository.Registry, operation, $"Registry {repository.Registry} kept returning 'next' links for {operation}.");
            var page = next;
            using var response = await SendAsync(repository.Registry, operation, PullScope(repository.Repository),
                uri => new HttpRequestMessage(HttpMethod.Get, new Uri(uri, page)), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw new RegistryException(repository.Registry, operation,
                    $"Repository '{repository.Repository}' was not found in registry {repository.Registry}.", response.StatusCode,
                    RegistryException.ParseErrors(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)));
            await EnsureStatusAsync(response, repository.Registry, operation, cancellationToken, HttpStatusCode.OK).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            tags.AddRange(ParseTags(body));
            next = response.Headers.TryGetValues("Link", out var links) ? NextLink(links) : null;
        }
        return tags;
    }

    private static IEnumerable<string> ParseTags(string body)
    {
        using var document = JsonDocument.Parse(body);
        if (!document.RootElement.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Array) return [];
        return [.. tags.EnumerateArray().Select(t => t.GetString()).OfType<string>()];
    }

    /// <summary>The target of the <c>rel="next"</c> entry of <c>Link</c> headers (RFC 8288), made relative to the registry root.</summary>
    internal static string? NextLink(IEnumerable<string> headers)
    {
        foreach (var header in headers)
        foreach (var entry in header.Split(','))
        {
            var open = entry.IndexOf('<', StringComparison.Ordinal);
            var close = entry.IndexOf('>', StringComparison.Ordinal);
            if (open < 0 || close < open) continue;
            var parameters = entry[(close + 1)..].Replace(" ", "", StringComparison.Ordinal);
            if (!parameters.Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase)
                && !parameters.Contains("rel=next", StringComparison.OrdinalIgnoreCase)) continue;
            var target = entry[(open + 1)..close];
            if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal))
                return absolute.PathAndQuery.TrimStart('/');
            return target.TrimStart('/');
        }
        return null;
    }
}
