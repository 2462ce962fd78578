namespace ContainerCloudBuild.Engine;

/// <summary>
/// A target as a build class declares it, NUKE style:
/// <code>Target Compile => _ => _.DependsOn(Restore).Executes(ct => ...);</code>
/// The delegate configures a definition; the engine discovers targets by their property names.
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);
