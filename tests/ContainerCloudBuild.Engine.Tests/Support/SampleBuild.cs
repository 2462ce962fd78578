using ContainerCloudBuild.Engine;

namespace ContainerCloudBuild.Engine.Tests.Support;

public enum Stage { Dev, Staging, Production }

/// <summary>A build class as a user writes it, for runner-level tests.</summary>
public sealed class SampleBuild : IBuildContextReceiver
{
    [Parameter("Image tag")] public string ImageTag = "latest";
    [Parameter("Replica count")] public int Replicas = 1;
    [Parameter] public bool DryRun;
    [Parameter] public Stage Stage = Stage.Dev;
    [Parameter] public string[] Regions = [];
    [Parameter] public AbsolutePath? Output;
    [Parameter, Secret] public string? HarborPassword;
    [Parameter] public string? ApiUrl { get; init; }

    public List<string> Ran { get; } = [];

    /// <summary>What the runner gave the build (set before targets are defined).</summary>
    public BuildContext? Context { get; private set; }

    void IBuildContextReceiver.Initialize(BuildContext context) => Context = context;

    /// <summary>Lets a test put behaviour into the Deploy target.</summary>
    public Action<CancellationToken> DeployBody { get; set; } = _ => { };

    Target Compile => _ => _.Description("Compiles").Executes(() => Ran.Add("Compile"));

    Target Deploy => _ => _
        .DependsOn(Compile)
        .Requires(() => HarborPassword)
        .Executes(ct => { Ran.Add("Deploy"); DeployBody(ct); });

    Target Cleanup => _ => _.After(Deploy).AssuredAfterFailure().Unlisted().Executes(() => Ran.Add("Cleanup"));
}
