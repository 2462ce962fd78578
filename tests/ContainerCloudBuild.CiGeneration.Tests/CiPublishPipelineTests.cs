using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Parameters;

namespace ContainerCloudBuild.CiGeneration.Tests;

public sealed class CiPublishPipelineTests
{
    private const string Record = CiPipelineBuilder.PublishedImagePath;

    private static CiPipeline Pipeline<TBuild>(CiConfigurationAttribute settings) where TBuild : new() =>
        CiPipelineBuilder.Create(typeof(TBuild).Name, TargetGraph.FromBuild(new TBuild()), ParameterDescriptor.Discover(typeof(TBuild)), settings);

    private static CiPipeline PublishingPipeline() =>
        Pipeline<PublishingBuild>((CiConfigurationAttribute)Attribute.GetCustomAttribute(typeof(PublishingBuild), typeof(GitLabCiAttribute))!);

    [Fact]
    public void Create_PublishTarget_OneJobPublishesAndRecordsTheReferenceAfterTheChecks()
    {
        var pipeline = PublishingPipeline();
        var push = pipeline.Jobs.Single(j => j.Id == "push");

        Assert.Equal(["test", "push", "deploy-staging", "deploy-production"], pipeline.Jobs.Select(j => j.Id));
        Assert.Same(push, pipeline.PublishJob);
        Assert.Equal(CiJobKind.Publish, push.Kind);
        Assert.True(push.OnDefaultBranchOnly);
        Assert.Equal(["test"], push.Needs);
        Assert.Equal(1, push.Level);
        Assert.Equal($"./build.sh Push --skip Compile Test --published-image-file {Record}", push.Command);
        Assert.Equal([CiPipelineBuilder.RunRecordPath, CiPipelineBuilder.RunReportPath, Record], push.ArtifactPaths);
        Assert.False(pipeline.Jobs.Single(j => j.Id == "test").OnDefaultBranchOnly);
        Assert.Equal("artifacts/published-image.txt", Record);
    }

    [Fact]
    public void Create_PublishTarget_EveryDeployJobNeedsThePublishJobAndDeploysItsRecordWithoutBuilding()
    {
        var jobs = PublishingPipeline().Jobs.ToDictionary(j => j.Id);

        Assert.Equal(["test", "push"], jobs["deploy-staging"].Needs);
        Assert.Equal(["test", "push", "deploy-staging"], jobs["deploy-production"].Needs);
        Assert.Equal($"./build.sh Deploy --skip Compile Test Image Push --environment staging --deploy-image-file {Record}", jobs["deploy-staging"].Command);
        Assert.Equal($"./build.sh Deploy --skip Compile Test Image Push --environment production --deploy-image-file {Record}", jobs["deploy-production"].Command);
        Assert.Equal([2, 3], [jobs["deploy-staging"].Level, jobs["deploy-production"].Level]);
        Assert.All([jobs["deploy-staging"], jobs["deploy-production"]], j => Assert.Equal(CiJobKind.Deploy, j.Kind));
    }

    [Fact]
    public void Create_DeployTargetNotDependingOnThePublishTarget_StillNeedsThePublishJob()
    {
        var pipeline = Pipeline<PublishingBuild>(new GitLabCiAttribute("Test") { PublishTarget = "Push", DeployTargets = ["Notify"], Environments = ["staging"] });
        var notify = pipeline.Jobs.Single(j => j.Id == "notify-staging");

        Assert.Equal(["push"], notify.Needs);
        Assert.Equal($"./build.sh Notify --skip Compile Test Image Push --environment staging --deploy-image-file {Record}", notify.Command);
    }

    [Fact]
    public void Create_NoPublishTarget_HasNoPublishJobAndDeploysPassNoRecord()
    {
        var pipeline = Pipeline<PublishingBuild>(new GitLabCiAttribute("Test") { DeployTargets = ["Deploy"], Environments = ["staging"] });

        Assert.Null(pipeline.PublishJob);
        Assert.Equal("./build.sh Deploy --skip Compile Test --environment staging", pipeline.Jobs.Single(j => j.Id == "deploy-staging").Command);
        Assert.All(pipeline.Jobs, j => Assert.DoesNotContain(Record, j.ArtifactPaths));
    }

    [Fact]
    public void Create_PublishTargetWithoutItsParameter_ThrowsNamingTheParameterAndProperty()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Pipeline<ServiceBuild>(new JenkinsAttribute("Test") { PublishTarget = "Pack" }));

        Assert.Equal("[Jenkins] publishes with 'Pack', but the build has no parameter 'PublishedImageFile' (PublishedImageParameter).", error.Message);
    }

    [Fact]
    public void Create_PublishTargetWithDeploysButNoDeployImageFileParameter_ThrowsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Pipeline<PublishingBuild>(
            new GitLabCiAttribute("Test") { PublishTarget = "Push", DeployTargets = ["Deploy"], Environments = ["staging"], DeployImageFileParameter = "ImageRecord" }));

        Assert.Equal("[GitLabCi] deploys the published image, but the build has no parameter 'ImageRecord' (DeployImageFileParameter).", error.Message);
    }

    [Fact]
    public void Create_InvokedTargetThatRunsThePublishTarget_ThrowsSayingPublishingRunsOnce()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Pipeline<PublishingBuild>(new GitLabCiAttribute("Test", "Push") { PublishTarget = "Push" }));

        Assert.Contains("runs 'Push' on every push, but it runs the PublishTarget 'Push'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownPublishTarget_ThrowsNamingItAndTheTargets()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Pipeline<PublishingBuild>(new GitLabCiAttribute("Test") { PublishTarget = "Publish" }));

        Assert.Contains("names target 'Publish', which the build does not have. Targets: Compile, Test, Image, Push, Notify, Deploy.", error.Message, StringComparison.Ordinal);
    }
}
