namespace ContainerCloudBuild.CiGeneration;

/// <summary>A parameter marked <c>[Secret]</c>: the CI system provides it as the environment variable of this name.</summary>
public sealed record CiSecret(string EnvironmentName, string? Description)
{
    /// <summary>A credentials id in Jenkins' style: <c>HARBOR_PASSWORD</c> becomes <c>harbor-password</c>.</summary>
    public string CredentialsId => EnvironmentName.ToLowerInvariant().Replace('_', '-');
}

/// <summary>What a CI job is for: building/checking (every push), publishing the image once, or deploying it to an environment.</summary>
public enum CiJobKind
{
    Build,
    Publish,
    Deploy,
}

/// <summary>One CI job: runs one target with <c>./build.sh</c>, skipping what the jobs it needs already ran.</summary>
public sealed record CiJob
{
    /// <summary>Job id, kebab-case: <c>compile</c>, <c>deploy-staging</c>.</summary>
    public required string Id { get; init; }

    public required string Target { get; init; }

    public CiJobKind Kind { get; init; } = CiJobKind.Build;

    /// <summary>Publish and deploy jobs run on pushes to the default branch only.</summary>
    public bool OnDefaultBranchOnly => Kind != CiJobKind.Build;

    /// <summary>Depth in the dependency graph of jobs (0: needs nothing).</summary>
    public required int Level { get; init; }

    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>The arguments after <c>./build.sh</c>: the target, <c>--skip ...</c>, the environment.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>Set for deploy jobs: the environment they deploy to (one deploy at a time per environment).</summary>
    public string? Environment { get; init; }

    /// <summary>Files the job keeps and hands to the jobs that need it: the run record and report, the targets' outputs.</summary>
    public required IReadOnlyList<string> ArtifactPaths { get; init; }

    /// <summary><c>./build.sh</c> with the arguments, as a shell command line.</summary>
    public string Command => "./build.sh " + string.Join(' ', Arguments);
}

/// <summary>What every CI system's file is written from: the jobs in dependency order and the secrets.</summary>
public sealed record CiPipeline(string BuildName, IReadOnlyList<CiJob> Jobs, IReadOnlyList<CiSecret> Secrets, CiConfigurationAttribute Settings)
{
    /// <summary>The job that publishes the image once (<see cref="CiConfigurationAttribute.PublishTarget"/>), if any.</summary>
    public CiJob? PublishJob => Jobs.FirstOrDefault(j => j.Kind == CiJobKind.Publish);

    /// <summary>Jobs grouped by level, in order.</summary>
    public IEnumerable<IGrouping<int, CiJob>> Levels => Jobs.GroupBy(j => j.Level).OrderBy(g => g.Key);

    /// <summary>The header every generated file starts with (after the system's comment marker).</summary>
    public string GeneratedNotice =>
        $"Generated from the build class {BuildName} by ./build.sh GenerateCi. Do not edit: ./build.sh CheckCi fails when this file is stale.";
}
