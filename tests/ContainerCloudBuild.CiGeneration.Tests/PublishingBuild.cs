using ContainerCloudBuild.Engine;

namespace ContainerCloudBuild.CiGeneration.Tests;

/// <summary>
/// A service build like the ccb-service template's: Test on every push; on the default branch Push publishes the image once
/// and Deploy rolls that recorded image out per environment, for every CI system.
/// </summary>
[GitLabCi("Test", PublishTarget = "Push", DeployTargets = ["Deploy"], Environments = ["staging", "production"])]
[Jenkins("Test", PublishTarget = "Push", DeployTargets = ["Deploy"], Environments = ["staging", "production"])]
[GitHubActions("Test", PublishTarget = "Push", DeployTargets = ["Deploy"], Environments = ["staging", "production"])]
internal sealed class PublishingBuild
{
    [Parameter("Target environment")] public string Environment = "dev";
    [Parameter("Where Push records the pushed image")] public string? PublishedImageFile = null;
    [Parameter("The recorded image to deploy")] public string? DeployImageFile = null;
    [Parameter("Registry password"), Secret] public string? RegistryPassword = null;

    public Target Compile => _ => _.Executes(() => { });
    public Target Test => _ => _.DependsOn(Compile).Outputs("artifacts/test-results/*.trx").Executes(() => { });
    public Target Image => _ => _.DependsOn(Test).Executes(() => { });
    public Target Push => _ => _.DependsOn(Image).DependentFor(Deploy).Executes(() => { });
    public Target Notify => _ => _.Executes(() => { });
    public Target Deploy => _ => _.Executes(() => { });
}
