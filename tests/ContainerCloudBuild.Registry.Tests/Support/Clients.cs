using ContainerCloudBuild.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCloudBuild.Registry.Tests.Support;

/// <summary>Builds clients under test with a recording handler and a fast retry policy.</summary>
public static class Clients
{
    public static RegistryClient Create(RecordingHandler handler, params RegistryCredentials[] credentials) =>
        Create(handler, new RegistryClientOptions { Credentials = credentials });

    public static RegistryClient Create(HttpMessageHandler handler, RegistryClientOptions options, TimeProvider? time = null) =>
        new(new HttpClient(handler), options with { Retry = options.Retry with { BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(80) } },
            time ?? TimeProvider.System, NullLogger<RegistryClient>.Instance);

    public static string UniqueRepository(string prefix) => $"{prefix}/r{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 14, 60)];
}
