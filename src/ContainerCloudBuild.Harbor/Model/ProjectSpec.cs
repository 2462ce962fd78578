namespace ContainerCloudBuild.Harbor;

/// <summary>
/// The project a pipeline needs, with the metadata Harbor keeps for it.
/// <see cref="PreventVulnerable"/> with <see cref="Severity"/> blocks pulls of images with
/// vulnerabilities at or above that severity.
/// </summary>
public sealed record ProjectSpec(string Name)
{
    public bool Public { get; init; }

    public bool AutoScan { get; init; } = true;

    public bool PreventVulnerable { get; init; }

    public Severity Severity { get; init; } = Severity.High;
}

/// <summary>What <see cref="HarborClient.EnsureProjectAsync"/> found or did.</summary>
public enum ProjectEnsureOutcome
{
    Created,
    /// <summary>The project existed (or appeared concurrently: 409); its metadata was updated.</summary>
    Updated,
}
