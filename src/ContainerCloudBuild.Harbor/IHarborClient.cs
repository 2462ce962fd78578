namespace ContainerCloudBuild.Harbor;

/// <summary>The Harbor operations a pipeline uses; <see cref="HarborClient"/> implements them over REST.</summary>
public interface IHarborClient
{
    Task<bool> PingAsync(CancellationToken cancellationToken);

    Task<string> GetHealthAsync(CancellationToken cancellationToken);

    Task<ProjectEnsureOutcome> EnsureProjectAsync(ProjectSpec project, CancellationToken cancellationToken);

    Task<RobotAccount> CreateRobotAccountAsync(RobotAccountRequest request, CancellationToken cancellationToken);

    Task<HarborArtifact> GetArtifactAsync(string project, string repository, string reference, CancellationToken cancellationToken);

    Task AddTagAsync(string project, string repository, string reference, string tag, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListTagsAsync(string project, string repository, string reference, CancellationToken cancellationToken);

    Task ScanAsync(string project, string repository, string reference, CancellationToken cancellationToken);

    Task<ScanOverview> WaitForScanAsync(string project, string repository, string reference, TimeSpan timeout,
        CancellationToken cancellationToken);

    Task<ScanOverview> ScanAndWaitAsync(string project, string repository, string reference, TimeSpan timeout,
        CancellationToken cancellationToken);

    Task<bool> EnsureImmutableTagRuleAsync(string project, ImmutableTagRuleSpec rule, CancellationToken cancellationToken);
}
