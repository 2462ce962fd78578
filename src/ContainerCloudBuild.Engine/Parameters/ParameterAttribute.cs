namespace ContainerCloudBuild.Engine;

/// <summary>
/// Marks a field or property as a build parameter, bound from <c>--kebab-name</c>, the environment
/// (<c>UPPER_SNAKE</c>, matched ignoring case and separators) or <c>.nuke/parameters*.json</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    public string? Description { get; } = description;

    /// <summary>Overrides the name derived from the member.</summary>
    public string? Name { get; init; }
}

/// <summary>The parameter's value is replaced by <c>***</c> wherever the build prints it.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
