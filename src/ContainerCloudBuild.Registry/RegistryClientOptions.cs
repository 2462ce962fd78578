using System.Net;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Abstractions.Resilience;

namespace ContainerCloudBuild.Registry;

/// <summary>Settings of <see cref="RegistryClient"/>; immutable, copy with <c>with</c>.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>Credentials per registry host (<c>host[:port]</c>); registries without an entry are used anonymously.</summary>
    public IReadOnlyList<RegistryCredentials> Credentials { get; init; } = [];

    /// <summary>Retries of a request after a transient failure (connection refused, timeout, 5xx, 408, 429).</summary>
    public RetryOptions Retry { get; init; } = new() { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(10) };

    /// <summary>Blobs up to this size are uploaded with one PUT; larger ones in PATCH chunks of this size.</summary>
    public int ChunkSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Page size (<c>n</c>) asked for when listing tags.</summary>
    public int TagPageSize { get; init; } = 100;

    /// <summary>Tokens are treated as expired this long before their real expiry.</summary>
    public TimeSpan TokenExpiryMargin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Registries spoken to over plain HTTP; by default only loopback hosts.</summary>
    public Func<string, bool> UsePlainHttp { get; init; } = IsLoopback;

    public RegistryCredentials? CredentialsFor(string registry) =>
        Credentials.FirstOrDefault(c => string.Equals(c.Registry, registry, StringComparison.OrdinalIgnoreCase));

    public Uri BaseUri(string registry) => new($"{(UsePlainHttp(registry) ? "http" : "https")}://{registry}/");

    public static bool IsLoopback(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var host = registry.StartsWith('[') ? registry[..(registry.IndexOf(']', StringComparison.Ordinal) + 1)]
            : registry.Split(':')[0];
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
