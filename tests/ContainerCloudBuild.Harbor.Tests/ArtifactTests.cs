using System.Net;
using ContainerCloudBuild.Harbor.Tests.Support;

namespace ContainerCloudBuild.Harbor.Tests;

public sealed class ArtifactTests
{
    private static readonly string Digest = "sha256:" + new string('b', 64);

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("digest")]
    public async Task GetArtifact_ByTagOrDigest_ReturnsDigestTagsAndScan(string reference)
    {
        await using var h = new HarborTestContext();
        var seeded = h.Server.Model.AddArtifact("team", "app", Digest, ["1.0.0", "latest"]);
        seeded.ScanRequested = true;
        seeded.ScanPolls = 5;
        var artifact = await h.Client.GetArtifactAsync("team", "app", reference == "digest" ? Digest : reference, HarborTestContext.Ct);

        Assert.Equal(Digest, artifact.Digest);
        Assert.Equal(["1.0.0", "latest"], artifact.Tags);
        Assert.Equal("Success", artifact.Scan.Status);
        var sent = Assert.Single(h.Server.RequestsFor("getArtifact"));
        Assert.Contains("with_scan_overview=true", sent.RawPathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("application/vnd.security.vulnerability.report; version=1.1", sent.Headers["X-Accept-Vulnerabilities"], StringComparison.Ordinal);
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task GetArtifact_RepositoryWithSlash_IsEncodedTwiceInPath()
    {
        await using var h = new HarborTestContext();
        h.Server.Model.AddArtifact("team", "team/app", Digest, ["1.0.0"]);
        var artifact = await h.Client.GetArtifactAsync("team", "team/app", "1.0.0", HarborTestContext.Ct);
        await h.Client.AddTagAsync("team", "team/app", Digest, "stable", HarborTestContext.Ct);

        Assert.Equal(Digest, artifact.Digest);
        Assert.All(h.Server.Requests, r =>
            Assert.Contains("/api/v2.0/projects/team/repositories/team%252Fapp/artifacts/", r.RawPathAndQuery, StringComparison.Ordinal));
        Assert.Contains("stable", h.Server.Model.Projects["team"].Artifacts[0].Tags);
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task GetArtifact_Missing_ThrowsNotFoundWithServerMessage()
    {
        await using var h = new HarborTestContext();
        h.Server.Model.AddProject("team");
        var error = await Assert.ThrowsAsync<HarborApiException>(
            () => h.Client.GetArtifactAsync("team", "app", "9.9.9", HarborTestContext.Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("getArtifact", error.Operation);
        Assert.Equal("NOT_FOUND", error.ServerCode);
        Assert.Contains("artifact team/app@9.9.9 not found", error.Message, StringComparison.Ordinal);
        Assert.Single(h.Server.Requests); // 404 is not retried
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task AddTag_ExistingTag_ThrowsConflict()
    {
        await using var h = new HarborTestContext();
        h.Server.Model.AddArtifact("team", "app", Digest, ["1.0.0"]);
        await h.Client.AddTagAsync("team", "app", "1.0.0", "prod", HarborTestContext.Ct);
        var error = await Assert.ThrowsAsync<HarborApiException>(
            () => h.Client.AddTagAsync("team", "app", "1.0.0", "prod", HarborTestContext.Ct));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal(["1.0.0", "prod"], h.Server.Model.Projects["team"].Artifacts[0].Tags);
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task AddTag_PreconditionFailed_ThrowsWithStatusAndMessage()
    {
        await using var h = new HarborTestContext();
        h.Server.Model.AddArtifact("team", "app", Digest, ["1.0.0"]);
        h.Server.Fail("createTag", HttpStatusCode.PreconditionFailed, "the tag is protected by an immutable rule");
        var error = await Assert.ThrowsAsync<HarborApiException>(
            () => h.Client.AddTagAsync("team", "app", "1.0.0", "prod", HarborTestContext.Ct));

        Assert.Equal(HttpStatusCode.PreconditionFailed, error.StatusCode);
        Assert.Equal("the tag is protected by an immutable rule", error.ServerMessage);
        Assert.Contains("precondition", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("createTag", error.Message, StringComparison.Ordinal);
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task ListTags_ManyTags_FollowsPagination()
    {
        await using var h = new HarborTestContext(o => o with { PageSize = 3 });
        var tags = Enumerable.Range(1, 7).Select(i => $"v{i}").ToArray();
        h.Server.Model.AddArtifact("team", "app", Digest, tags);
        var listed = await h.Client.ListTagsAsync("team", "app", Digest, HarborTestContext.Ct);

        Assert.Equal(tags, listed);
        Assert.Equal(3, h.Server.RequestsFor("listTags").Count());
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task ListTags_NoLinkHeader_PagesByTotalCount()
    {
        await using var h = new HarborTestContext(o => o with { PageSize = 2 });
        h.Server.SendLinkHeader = false;
        var tags = Enumerable.Range(1, 5).Select(i => $"v{i}").ToArray();
        h.Server.Model.AddArtifact("team", "app", Digest, tags);
        var listed = await h.Client.ListTagsAsync("team", "app", "v1", HarborTestContext.Ct);

        Assert.Equal(tags, listed);
        var pages = h.Server.RequestsFor("listTags").Select(r => r.RawPathAndQuery).ToList();
        Assert.Equal(3, pages.Count);
        Assert.Contains("page=3&page_size=2", pages[2], StringComparison.Ordinal);
        h.AssertNoSpecViolations();
    }
}
