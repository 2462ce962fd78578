namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>
/// Tests that compile throw-away repositories with build.sh/build.ps1. Their builds reference this
/// repository's src projects, so two of them compiling at once write the same obj/bin folders: they run
/// one at a time, after the parallel tests, instead of racing each other on a loaded machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BuildScriptCollection
{
    public const string Name = "build scripts in throw-away repositories";
}
