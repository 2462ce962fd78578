using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Engine.Tests.Support;

/// <summary>Runs a build through <see cref="BuildRunner"/> in a temp root with a given environment.</summary>
public sealed class RunnerHarness : IDisposable
{
    public TempDirectory Root { get; } = new();
    public MemoryBuildOutput Output { get; } = new();
    public Dictionary<string, string?> Environment { get; } = new();

    public Task<int> RunAsync(object build, params string[] args) =>
        RunAsync(build, TestContext.Current.CancellationToken, args);

    public Task<int> RunAsync(object build, CancellationToken cancellation, params string[] args) =>
        BuildRunner.RunAsync(build, args, new BuildRunSettings
        {
            RootDirectory = Root.Path,
            Output = Output,
            Environment = Environment,
            DefaultTarget = "Compile",
        }, cancellation);

    public string Text => Output.Text;

    public void Dispose() => Root.Dispose();
}
