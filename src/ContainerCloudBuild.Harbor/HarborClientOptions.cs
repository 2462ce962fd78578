using ContainerCloudBuild.Abstractions.Resilience;

namespace ContainerCloudBuild.Harbor;

/// <summary>
/// Where Harbor is and how to authenticate (Basic auth with a user or robot account).
/// <see cref="BaseUrl"/> is the Harbor root (e.g. <c>https://harbor.example.com</c>); the client
/// adds the API base path <c>/api/v2.0</c>.
/// </summary>
public sealed record HarborClientOptions
{
    public required Uri BaseUrl { get; init; }

    /// <summary>User name or robot account name (e.g. <c>robot$team+ci</c>).</summary>
    public required string Username { get; init; }

    public required HarborSecret Password { get; init; }

    /// <summary>Retries after transient failures (5xx, connection errors); <c>MaxAttempts = 1</c> disables them.</summary>
    public RetryOptions Retry { get; init; } = new() { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10) };

    /// <summary>How often <see cref="HarborClient.WaitForScanAsync"/> asks for the scan status.</summary>
    public TimeSpan ScanPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Page size used when listing (Harbor allows at most 100).</summary>
    public int PageSize { get; init; } = 50;

    internal bool IsRobot => Username.StartsWith("robot$", StringComparison.Ordinal);
}
