using ContainerCloudBuild.Engine.CiHosts;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Engine;

/// <summary>What a running build can use: its root, output, secret registry, clock, environment and CI host.</summary>
public sealed record BuildContext(
    AbsolutePath RootDirectory,
    BuildConsole Console,
    SecretMasker Secrets,
    TimeProvider TimeProvider,
    IReadOnlyDictionary<string, string?> Environment,
    ICiHost CiHost,
    RunEventLog Events);

/// <summary>A build class implementing this receives the <see cref="BuildContext"/> before targets are defined.</summary>
public interface IBuildContextReceiver
{
    void Initialize(BuildContext context);
}
