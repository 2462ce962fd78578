using ContainerCloudBuild.Harbor.Testing.Server;
using System.Net;
using ContainerCloudBuild.Harbor.Tests.Support;

namespace ContainerCloudBuild.Harbor.Tests;

public sealed class ProjectAndRobotTests
{
    [Fact]
    public async Task PingAndHealth_AgainstServer_ReportAlive()
    {
        await using var h = new HarborTestContext();
        Assert.True(await h.Client.PingAsync(HarborTestContext.Ct));
        Assert.Equal("healthy", await h.Client.GetHealthAsync(HarborTestContext.Ct));
        Assert.Equal(["getPing", "getHealth"], h.Server.Requests.Select(r => r.OperationId));
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task EnsureProject_Missing_CreatesWithMetadata()
    {
        await using var h = new HarborTestContext();
        var outcome = await h.Client.EnsureProjectAsync(
            new ProjectSpec("team") { AutoScan = true, PreventVulnerable = true, Severity = Severity.Critical },
            HarborTestContext.Ct);

        Assert.Equal(ProjectEnsureOutcome.Created, outcome);
        Assert.Equal(["headProject", "createProject"], h.Server.Requests.Select(r => r.OperationId));
        var metadata = h.Server.Model.Projects["team"].Metadata;
        Assert.Equal("false", (string?)metadata["public"]);
        Assert.Equal("true", (string?)metadata["auto_scan"]);
        Assert.Equal("true", (string?)metadata["prevent_vul"]);
        Assert.Equal("critical", (string?)metadata["severity"]);
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task EnsureProject_Existing_UpdatesMetadataWithoutCreating()
    {
        await using var h = new HarborTestContext();
        h.Server.Model.AddProject("team");
        var outcome = await h.Client.EnsureProjectAsync(new ProjectSpec("team") { Public = true }, HarborTestContext.Ct);

        Assert.Equal(ProjectEnsureOutcome.Updated, outcome);
        Assert.Equal(["headProject", "updateProject"], h.Server.Requests.Select(r => r.OperationId));
        Assert.Equal("true", (string?)h.Server.Model.Projects["team"].Metadata["public"]);
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task EnsureProject_CreateAnswers409_TreatedAsSuccess()
    {
        await using var h = new HarborTestContext();
        h.Server.Model.AddProject("team");
        h.Server.Fail("headProject", HttpStatusCode.NotFound, "not found", times: 1); // created concurrently after HEAD
        var outcome = await h.Client.EnsureProjectAsync(new ProjectSpec("team"), HarborTestContext.Ct);

        Assert.Equal(ProjectEnsureOutcome.Updated, outcome);
        Assert.Equal(["headProject", "createProject", "updateProject"], h.Server.Requests.Select(r => r.OperationId));
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task CreateRobotAccount_PushPull_ReturnsWorkingMaskedSecret()
    {
        await using var h = new HarborTestContext();
        h.Server.Model.AddArtifact("team", "app", "sha256:" + new string('a', 64), ["1.0.0"]);
        var robot = await h.Client.CreateRobotAccountAsync(new RobotAccountRequest("team", "ci"), HarborTestContext.Ct);

        var stored = Assert.Single(h.Server.Model.Robots);
        Assert.Equal("robot$team+ci", robot.Name);
        Assert.Equal(stored.Secret, robot.Secret.Reveal());
        Assert.Equal(["repository:pull", "repository:push"], stored.Permissions);
        Assert.DoesNotContain(stored.Secret, robot.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(stored.Secret, robot.Secret.ToString(), StringComparison.Ordinal);

        using var asRobot = h.ClientFor(robot.Name, robot.Secret.Reveal());
        var artifact = await asRobot.GetArtifactAsync("team", "app", "1.0.0", HarborTestContext.Ct);
        Assert.Equal("sha256:" + new string('a', 64), artifact.Digest);
        Assert.DoesNotContain(stored.Secret, h.Logger.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(HarborTestContext.AdminPassword, h.Logger.AllText, StringComparison.Ordinal);
        Assert.NotEmpty(h.Logger.Lines);
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task CreateRobotAccount_Forbidden_NamesMissingPermissionAndProject()
    {
        await using var h = new HarborTestContext(o => o with { Username = "robot$team+ci" });
        h.Server.Model.Robots.Add(new RobotState(9, "robot$team+ci", HarborTestContext.AdminPassword, "team", ["repository:pull"]));
        h.Server.Model.AddProject("team");

        var error = await Assert.ThrowsAsync<HarborApiException>(
            () => h.Client.CreateRobotAccountAsync(new RobotAccountRequest("team", "other"), HarborTestContext.Ct));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("CreateRobot", error.Operation);
        Assert.Contains("robot account 'robot$team+ci' likely lacks 'create' of 'robot' on project 'team'", error.Message, StringComparison.Ordinal);
        h.AssertNoSpecViolations();
    }
}
