using System.Net;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Registry.Tests.Support;

namespace ContainerCloudBuild.Registry.Tests;

/// <summary>
/// Link pagination (Distribution v3, Harbor) with a scripted registry that pages like the spec:
/// <c>n</c> tags per page after <c>last</c>, and a <c>Link: &lt;...&gt;; rel="next"</c> header.
/// </summary>
public sealed class ListTagsPagingTests
{
    private static readonly string[] AllTags = ["1.0", "1.1", "2.0", "2.1", "3.0", "latest", "main-abc1234"];

    [Theory]
    [InlineData(2, 4)]
    [InlineData(3, 3)]
    [InlineData(100, 1)]
    public async Task ListTags_PagedRegistry_FollowsLinksUntilLastPage(int pageSize, int expectedPages)
    {
        var pages = new List<Uri>();
        var handler = new FakeRegistryHandler
        {
            Override = request =>
            {
                pages.Add(request.RequestUri!);
                var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
                var n = int.Parse(query["n"]!, System.Globalization.CultureInfo.InvariantCulture);
                var after = query["last"];
                var page = AllTags.Where(t => after is null || string.CompareOrdinal(t, after) > 0).Take(n).ToArray();
                var response = FakeRegistryHandler.Json(HttpStatusCode.OK,
                    System.Text.Json.JsonSerializer.Serialize(new { name = "team/app", tags = page }));
                if (page.Length == n && page[^1] != AllTags[^1])
                    response.Headers.TryAddWithoutValidation("Link", $"</v2/team/app/tags/list?last={page[^1]}&n={n}>; rel=\"next\"");
                return response;
            },
        };
        var client = Clients.Create(handler, new RegistryClientOptions { UsePlainHttp = _ => true, TagPageSize = pageSize });

        var tags = await client.ListTagsAsync(ImageReference.Parse("registry.test:5000/team/app"), TestContext.Current.CancellationToken);

        Assert.Equal(AllTags, tags);
        Assert.Equal(expectedPages, pages.Count);
        Assert.All(pages, p => Assert.Equal("registry.test", p.Host));
    }
}
