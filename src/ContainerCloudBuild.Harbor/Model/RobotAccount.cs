namespace ContainerCloudBuild.Harbor;

/// <summary>A project robot account to create. <see cref="DurationDays"/> -1 means it never expires.</summary>
public sealed record RobotAccountRequest(string Project, string Name)
{
    public string? Description { get; init; }

    public int DurationDays { get; init; } = -1;

    /// <summary>Actions on the project's repositories; push and pull by default.</summary>
    public IReadOnlyList<string> RepositoryActions { get; init; } = ["pull", "push"];
}

/// <summary>
/// A created robot account. Harbor returns <see cref="Secret"/> only once: store it at once
/// (it is masked in <see cref="object.ToString"/>).
/// </summary>
public sealed record RobotAccount(long Id, string Name, HarborSecret Secret, DateTimeOffset? ExpiresAt);
