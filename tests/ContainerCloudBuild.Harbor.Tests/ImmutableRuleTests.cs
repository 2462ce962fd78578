using System.Text.Json.Nodes;
using ContainerCloudBuild.Harbor.Tests.Support;

namespace ContainerCloudBuild.Harbor.Tests;

public sealed class ImmutableRuleTests
{
    private static JsonObject Rule(string tagPattern) => new()
    {
        ["id"] = 100,
        ["priority"] = 0,
        ["disabled"] = false,
        ["action"] = "immutable",
        ["template"] = "immutable_template",
        ["tag_selectors"] = new JsonArray(new JsonObject { ["kind"] = "doublestar", ["decoration"] = "matches", ["pattern"] = tagPattern }),
        ["scope_selectors"] = new JsonObject
        {
            ["repository"] = new JsonArray(new JsonObject { ["kind"] = "doublestar", ["decoration"] = "repoMatches", ["pattern"] = "**" }),
        },
    };

    [Fact]
    public async Task EnsureImmutableTagRule_Missing_CreatesOnceThenFindsIt()
    {
        await using var h = new HarborTestContext();
        h.Server.Model.AddProject("team");
        var rule = new ImmutableTagRuleSpec("v*");

        Assert.True(await h.Client.EnsureImmutableTagRuleAsync("team", rule, HarborTestContext.Ct));
        Assert.False(await h.Client.EnsureImmutableTagRuleAsync("team", rule, HarborTestContext.Ct));

        var stored = Assert.Single(h.Server.Model.Projects["team"].ImmutableRules);
        Assert.Equal("v*", (string?)stored["tag_selectors"]![0]!["pattern"]);
        Assert.Single(h.Server.RequestsFor("CreateImmuRule"));
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task EnsureImmutableTagRule_MatchOnLastPage_FollowsLinkAndDoesNotCreate()
    {
        await using var h = new HarborTestContext(o => o with { PageSize = 2 });
        var project = h.Server.Model.AddProject("team");
        foreach (var pattern in new[] { "a*", "b*", "c*", "d*", "release-*" })
            project.ImmutableRules.Add(Rule(pattern));

        Assert.False(await h.Client.EnsureImmutableTagRuleAsync("team", new ImmutableTagRuleSpec("release-*"), HarborTestContext.Ct));

        var pages = h.Server.RequestsFor("ListImmuRules").Select(r => r.RawPathAndQuery).ToList();
        Assert.Equal(3, pages.Count);
        Assert.Contains("page=3", pages[2], StringComparison.Ordinal);
        Assert.Empty(h.Server.RequestsFor("CreateImmuRule"));
        h.AssertNoSpecViolations();
    }
}
