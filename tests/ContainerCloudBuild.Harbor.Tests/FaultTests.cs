using System.Net;
using ContainerCloudBuild.Abstractions.Resilience;
using ContainerCloudBuild.Harbor.Tests.Support;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Harbor.Tests;

public sealed class FaultTests
{
    private static readonly string Digest = "sha256:" + new string('d', 64);

    [Fact]
    public async Task AnyCall_WrongPassword_Unauthorized_NamesUserAndHarborButNotPassword()
    {
        const string wrong = "not-the-Password-42";
        await using var h = new HarborTestContext(o => o with { Password = new HarborSecret(wrong) });
        var error = await Assert.ThrowsAsync<HarborApiException>(
            () => h.Client.EnsureProjectAsync(new ProjectSpec("team"), HarborTestContext.Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("user 'admin'", error.Message, StringComparison.Ordinal);
        Assert.Contains(h.Server.BaseUrl.GetLeftPart(UriPartial.Authority), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, h.Logger.AllText, StringComparison.Ordinal);
        Assert.Single(h.Server.Requests); // 401 is not retried
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task AddTag_RobotForbidden_SaysWhichPermissionIsMissing()
    {
        await using var h = new HarborTestContext();
        h.Server.Model.AddArtifact("team", "app", Digest, ["1.0.0"]);
        var robot = await h.Client.CreateRobotAccountAsync(new RobotAccountRequest("team", "ci"), HarborTestContext.Ct);
        using var asRobot = h.ClientFor(robot.Name, robot.Secret.Reveal());
        await asRobot.GetArtifactAsync("team", "app", "1.0.0", HarborTestContext.Ct); // pull is granted

        var error = await Assert.ThrowsAsync<HarborApiException>(
            () => asRobot.AddTagAsync("team", "app", "1.0.0", "prod", HarborTestContext.Ct));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("robot account 'robot$team+ci' likely lacks 'create' of 'tag' on project 'team'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("prod", h.Server.Model.Projects["team"].Artifacts[0].Tags);
        Assert.DoesNotContain(robot.Secret.Reveal(), h.Logger.AllText, StringComparison.Ordinal);
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task GetArtifact_TransientServerErrors_RetriesThenSucceeds()
    {
        await using var h = new HarborTestContext();
        h.Server.Model.AddArtifact("team", "app", Digest, ["1.0.0"]);
        h.Server.Fail("getArtifact", HttpStatusCode.ServiceUnavailable, "core is restarting", times: 2);

        var artifact = await h.Client.GetArtifactAsync("team", "app", "1.0.0", HarborTestContext.Ct);

        Assert.Equal(Digest, artifact.Digest);
        var sent = h.Server.RequestsFor("getArtifact").ToList();
        Assert.Equal(3, sent.Count);
        Assert.Equal(3, sent.Select(r => r.Headers["X-Request-Id"]).Distinct().Count()); // a fresh id per attempt
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task GetArtifact_PersistentServerError_FailsAfterMaxAttemptsWithStatus()
    {
        await using var h = new HarborTestContext(o => o with { Retry = o.Retry with { MaxAttempts = 3 } });
        h.Server.Model.AddArtifact("team", "app", Digest, ["1.0.0"]);
        h.Server.Fail("getArtifact", HttpStatusCode.InternalServerError, "database is down");

        var error = await Assert.ThrowsAsync<HarborApiException>(
            () => h.Client.GetArtifactAsync("team", "app", "1.0.0", HarborTestContext.Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("database is down", error.ServerMessage);
        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, h.Server.RequestsFor("getArtifact").Count());
        Assert.Equal(2, h.Logger.Lines.Count(l => l.Contains("retrying", StringComparison.Ordinal)));
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Ping_NothingListening_ThrowsCouldNotReachAfterRetries()
    {
        var options = new HarborClientOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/"),
            Username = "admin",
            Password = new HarborSecret("pw-never-shown"),
            Retry = new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) },
        };
        var logger = new CapturingLogger();
        using var client = new HarborClient(options, logger, TimeProvider.System);

        var error = await Assert.ThrowsAsync<HarborApiException>(() => client.PingAsync(HarborTestContext.Ct));

        Assert.Null(error.StatusCode);
        Assert.Contains("Could not reach Harbor at http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-never-shown", logger.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCall_SendsUniqueRequestId()
    {
        await using var h = new HarborTestContext();
        h.Server.Model.AddArtifact("team", "app", Digest, ["1.0.0"], pollsUntilScanned: 2);
        await h.Client.PingAsync(HarborTestContext.Ct);
        await h.Client.EnsureProjectAsync(new ProjectSpec("team"), HarborTestContext.Ct);
        await h.Client.CreateRobotAccountAsync(new RobotAccountRequest("team", "ci"), HarborTestContext.Ct);
        await h.Client.ScanAndWaitAsync("team", "app", "1.0.0", TimeSpan.FromSeconds(10), HarborTestContext.Ct);
        await h.Client.AddTagAsync("team", "app", "1.0.0", "prod", HarborTestContext.Ct);
        await h.Client.EnsureImmutableTagRuleAsync("team", new ImmutableTagRuleSpec("v*"), HarborTestContext.Ct);

        var ids = h.Server.Requests.Select(r => r.Headers.GetValueOrDefault("X-Request-Id")).ToList();
        Assert.True(ids.Count >= 10);
        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        h.AssertNoSpecViolations();
    }
}
