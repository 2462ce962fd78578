using ContainerCloudBuild.Rollouts.Tests.Support;

namespace ContainerCloudBuild.Rollouts.Tests;

public sealed class CandidateStartFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string MissingImage = "No such image: 127.0.0.1:5000/samples/hello-service@sha256:0000";

    [Fact]
    public async Task BlueGreen_CandidateImageMissing_RolloutFailsWithTheEngineReasonAndTheNextDeployRuns()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        h.Driver.StartFailures["v2"] = MissingImage;

        var failed = await h.DriveAsync(h.Controller().DeployBlueGreenAsync(Harness.BlueGreen("v2"), Ct));

        Assert.Equal(RolloutPhase.Failed, failed.Phase);
        Assert.Equal($"Revision 'v2' of '{failed.State!.App}' could not be started: {MissingImage} Stable 'v1' keeps serving.", failed.Message);
        Assert.Null(failed.State.Candidate);
        Assert.Equal(100, h.Router.Weights["v1"]);
        Assert.Contains(h.Events.Events, e => e.Kind == RolloutEventKind.Failed && e.Revision == "v2");

        var next = await h.DriveAsync(h.Controller().DeployBlueGreenAsync(Harness.BlueGreen("v3"), Ct));
        Assert.Equal(RolloutPhase.Completed, next.Phase);
    }

    [Fact]
    public async Task Canary_CandidateImageMissing_NoWeightEverGoesToIt()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        h.Driver.StartFailures["v2"] = MissingImage;

        var failed = await h.DriveAsync(h.Controller().StartCanaryAsync(Harness.Canary("v2", CanaryStep.SetWeight(20)), Ct));

        Assert.Equal(RolloutPhase.Failed, failed.Phase);
        Assert.DoesNotContain(h.Router.History, w => w.ContainsKey("v2"));
        Assert.DoesNotContain("v2", h.Driver.Running);
    }
}
