using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Parameters;

namespace ContainerCloudBuild.CiGeneration.Tests;

public sealed class CiPipelineBuilderTests
{
    private static CiPipeline Pipeline(CiConfigurationAttribute settings) =>
        CiPipelineBuilder.Create(nameof(ServiceBuild), TargetGraph.FromBuild(new ServiceBuild()), ParameterDescriptor.Discover(typeof(ServiceBuild)), settings);

    private static CiPipeline ServicePipeline() =>
        Pipeline((CiConfigurationAttribute)Attribute.GetCustomAttribute(typeof(ServiceBuild), typeof(GitLabCiAttribute))!);

    [Fact]
    public void Create_DependencyChain_JobsNeedUpstreamJobsAndSkipWhatTheyRan()
    {
        var jobs = ServicePipeline().Jobs.ToDictionary(j => j.Id);

        Assert.Equal(["compile", "test", "pack", "deploy-staging", "deploy-production"], ServicePipeline().Jobs.Select(j => j.Id));
        Assert.Equal("./build.sh Compile", jobs["compile"].Command);
        Assert.Empty(jobs["compile"].Needs);
        Assert.Equal("./build.sh Test --skip Restore Compile", jobs["test"].Command);
        Assert.Equal(["compile"], jobs["test"].Needs);
        Assert.Equal(1, jobs["pack"].Level);
        Assert.Equal("./build.sh Deploy --skip Restore Compile Pack --environment staging", jobs["deploy-staging"].Command);
        Assert.Equal(["compile", "pack"], jobs["deploy-staging"].Needs);
        Assert.Equal(["compile", "pack", "deploy-staging"], jobs["deploy-production"].Needs);
        Assert.Equal("./build.sh Deploy --skip Restore Compile Pack --environment production", jobs["deploy-production"].Command);
        Assert.Equal(3, jobs["deploy-production"].Level);
    }

    [Fact]
    public void Create_TargetsWithOutputs_KeepRunRecordAndOutputsAsArtifacts()
    {
        var jobs = ServicePipeline().Jobs.ToDictionary(j => j.Id);

        Assert.Equal([CiPipelineBuilder.RunRecordPath, CiPipelineBuilder.RunReportPath, "src/App/bin/**"], jobs["compile"].ArtifactPaths);
        Assert.Equal([CiPipelineBuilder.RunRecordPath, CiPipelineBuilder.RunReportPath, "artifacts/test-results/*.trx"], jobs["test"].ArtifactPaths);
    }

    [Fact]
    public void Create_SecretParameter_IsListedByEnvironmentNameWithoutItsValue()
    {
        var secret = Assert.Single(ServicePipeline().Secrets);

        Assert.Equal(new CiSecret("HARBOR_PASSWORD", "Harbor robot secret"), secret);
        Assert.Equal("harbor-password", secret.CredentialsId);
    }

    [Fact]
    public void Create_UnknownTarget_ThrowsNamingItAndTheTargets()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Pipeline(new GitLabCiAttribute("Compile", "Publish")));

        Assert.Contains("'Publish'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Restore, Compile, Test, Pack, Deploy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TargetListedBeforeItsDependency_ThrowsSayingWhichFirst()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Pipeline(new GitLabCiAttribute("Test", "Compile")));

        Assert.Contains("lists 'Test' before 'Compile'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DeployWithoutEnvironments_ThrowsNamingTheTarget()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Pipeline(new JenkinsAttribute("Compile") { DeployTargets = ["Deploy"] }));

        Assert.Contains("deploy targets (Deploy) but no Environments", error.Message, StringComparison.Ordinal);
    }
}
