namespace ContainerCloudBuild.CiGeneration;

/// <summary>
/// Names the targets a CI system runs for this build (one job each, ordered by their dependencies) and the
/// deploy targets that run once per environment. Put it on the build class; <c>./build.sh GenerateCi</c> writes the file.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public abstract class CiConfigurationAttribute(string[] invokedTargets) : Attribute
{
    /// <summary>Targets that get a job each; a job skips what the jobs it needs already ran.</summary>
    public IReadOnlyList<string> InvokedTargets { get; } = invokedTargets;

    /// <summary>Targets that deploy: one job per environment in <see cref="Environments"/>, one at a time per environment.</summary>
    public string[] DeployTargets { get; set; } = [];

    /// <summary>Environments the deploy targets run for, in order (each waits for the one before).</summary>
    public string[] Environments { get; set; } = [];

    /// <summary>The parameter a deploy job sets to the environment's name.</summary>
    public string EnvironmentParameter { get; set; } = "Environment";

    /// <summary>
    /// The target that builds and pushes the image (e.g. <c>"Push"</c>), run once per pipeline: its job runs on the default
    /// branch after the jobs it depends on, writes the pushed reference (<c>registry/repository@sha256:...</c>) to
    /// <see cref="CiPipelineBuilder.PublishedImagePath"/> and hands that file on; every deploy job needs it and deploys
    /// exactly that reference, so each environment gets the digest the one before it ran. Empty: each deploy job builds its own.
    /// </summary>
    public string? PublishTarget { get; set; }

    /// <summary>The parameter the publish job sets to the file its target writes the pushed reference to.</summary>
    public string PublishedImageParameter { get; set; } = "PublishedImageFile";

    /// <summary>The parameter a deploy job sets to the file holding the reference to deploy (nothing is built or pushed).</summary>
    public string DeployImageFileParameter { get; set; } = "DeployImageFile";

    /// <summary>The branch pushes run on (pull/merge requests always run).</summary>
    public string DefaultBranch { get; set; } = "main";

    /// <summary>Which file the system reads, relative to the repository root.</summary>
    public abstract CiSystem System { get; }
}

/// <summary>GitLab CI: <c>.gitlab-ci.yml</c>.</summary>
public sealed class GitLabCiAttribute(params string[] invokedTargets) : CiConfigurationAttribute(invokedTargets)
{
    /// <summary>The job image (empty: the runner's default).</summary>
    public string Image { get; set; } = "mcr.microsoft.com/dotnet/sdk:10.0";

    public override CiSystem System => CiSystem.GitLab;
}

/// <summary>Jenkins: a declarative <c>Jenkinsfile</c> that only calls <c>./build.sh</c>.</summary>
public sealed class JenkinsAttribute(params string[] invokedTargets) : CiConfigurationAttribute(invokedTargets)
{
    /// <summary>The agent label (empty: any agent).</summary>
    public string AgentLabel { get; set; } = "";

    public override CiSystem System => CiSystem.Jenkins;
}

/// <summary>GitHub Actions: <c>.github/workflows/build.yml</c>.</summary>
public sealed class GitHubActionsAttribute(params string[] invokedTargets) : CiConfigurationAttribute(invokedTargets)
{
    public string RunsOn { get; set; } = "ubuntu-latest";

    public override CiSystem System => CiSystem.GitHubActions;
}

/// <summary>The CI systems a configuration is generated for.</summary>
public enum CiSystem
{
    GitLab,
    Jenkins,
    GitHubActions,
}
