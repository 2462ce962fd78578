using System.Globalization;
using System.Text.RegularExpressions;
using ContainerCloudBuild.Harbor.Api;
using RestSharp;

namespace ContainerCloudBuild.Harbor;

public sealed partial class HarborClient
{
    /// <summary>
    /// Reads every page of a list operation: follows the <c>Link: &lt;...&gt;; rel="next"</c> header,
    /// and uses <c>X-Total-Count</c> to stop (or to ask for the next page when Link is absent).
    /// </summary>
    private async Task<List<T>> GetAllPagesAsync<T>(string resource, Action<RestRequest> configure, HarborCall call,
        CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var page = 1;
        string? next = null;
        while (true)
        {
            var currentPage = page;
            var nextResource = next;
            var response = await SendAsync(() =>
            {
                var request = nextResource is null
                    ? new RestRequest(resource)
                        .AddQueryParameter("page", currentPage.ToString(CultureInfo.InvariantCulture))
                        .AddQueryParameter("page_size", _options.PageSize.ToString(CultureInfo.InvariantCulture))
                    : FromLink(nextResource);
                configure(request);
                return request;
            }, call, cancellationToken).ConfigureAwait(false);

            var pageItems = HarborJson.Deserialize<List<T>>(response.Content, call);
            items.AddRange(pageItems);
            var total = int.TryParse(response.GetHeaderValue("X-Total-Count"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t)
                ? t : (int?)null;
            next = NextLink(response.GetHeaderValue("Link"));
            if (pageItems.Count == 0 || (total is not null && items.Count >= total))
                return items;
            if (next is null && total is null)
                return items;
            page++;
        }
    }

    /// <summary>The <c>rel="next"</c> target of a Link header, relative to the API base path.</summary>
    internal static string? NextLink(string? link)
    {
        if (string.IsNullOrEmpty(link))
            return null;
        foreach (Match match in LinkPattern().Matches(link))
        {
            if (!string.Equals(match.Groups["rel"].Value, "next", StringComparison.OrdinalIgnoreCase))
                continue;
            var target = match.Groups["url"].Value;
            // only http(s) URLs are absolute here: on Unix "/api/..." would parse as a file URI
            if (target.StartsWith("http", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(target, UriKind.Absolute, out var absolute))
                target = absolute.PathAndQuery;
            return target.StartsWith(ApiBasePath, StringComparison.Ordinal) ? target[ApiBasePath.Length..] : target.TrimStart('/');
        }

        return null;
    }

    /// <summary>A request for a Link target: path as given (already encoded), query re-added parameter by parameter.</summary>
    private static RestRequest FromLink(string target)
    {
        var parts = target.Split('?', 2);
        var request = new RestRequest(parts[0]);
        if (parts.Length == 2)
        {
            foreach (var pair in parts[1].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2);
                request.AddQueryParameter(Uri.UnescapeDataString(kv[0]), kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "");
            }
        }

        return request;
    }

    [GeneratedRegex("<(?<url>[^>]*)>\\s*;\\s*rel\\s*=\\s*\"?(?<rel>[a-z]+)\"?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
