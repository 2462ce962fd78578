using ContainerCloudBuild.Engine;

namespace ContainerCloudBuild.CiGeneration.Tests;

/// <summary>A build as a team writes it: a chain of targets, a deploy per environment and a secret, for every CI system.</summary>
[GitLabCi("Compile", "Test", "Pack", DeployTargets = ["Deploy"], Environments = ["staging", "production"])]
[Jenkins("Compile", "Test", "Pack", DeployTargets = ["Deploy"], Environments = ["staging", "production"])]
[GitHubActions("Compile", "Test", "Pack", DeployTargets = ["Deploy"], Environments = ["staging", "production"])]
internal sealed class ServiceBuild
{
    [Parameter("Target environment")] public string Environment = "dev";
    [Parameter("Harbor robot secret"), Secret] public string? HarborPassword = "default-is-no-secret";

    public Target Restore => _ => _.Executes(() => { });
    public Target Compile => _ => _.DependsOn(Restore).Outputs("src/App/bin/**").Executes(() => { });
    public Target Test => _ => _.DependsOn(Compile).Outputs("artifacts/test-results/*.trx", "!artifacts/test-results/tmp").Executes(() => { });
    public Target Pack => _ => _.DependsOn(Compile).Outputs("artifacts/packages/*.nupkg").Executes(() => { });
    public Target Deploy => _ => _.DependsOn(Pack).Executes(() => { });
}
