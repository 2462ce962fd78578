namespace ContainerCloudBuild.Harbor;

/// <summary>
/// An immutable-tag rule: tags matching <see cref="TagPattern"/> in repositories matching
/// <see cref="RepositoryPattern"/> can no longer be overwritten or deleted (doublestar patterns).
/// </summary>
public sealed record ImmutableTagRuleSpec(string TagPattern, string RepositoryPattern = "**");
