using ContainerCloudBuild.Abstractions.Resilience;
using ContainerCloudBuild.Harbor.Testing.Server;

namespace ContainerCloudBuild.Harbor.Tests.Support;

/// <summary>A spec-checking fake Harbor plus a client talking to it, with captured logs.</summary>
internal sealed class HarborTestContext : IAsyncDisposable
{
    public const string AdminPassword = "Harbor12345";

    public HarborTestContext(Func<HarborClientOptions, HarborClientOptions>? configure = null, TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        var options = new HarborClientOptions
        {
            BaseUrl = Server.BaseUrl,
            Username = "admin",
            Password = new HarborSecret(AdminPassword),
            Retry = new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(40) },
            ScanPollInterval = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        Options = configure?.Invoke(options) ?? options;
        Client = new HarborClient(Options, Logger, Time);
    }

    public HarborTestServer Server { get; } = new();

    public TimeProvider Time { get; }

    public CapturingLogger Logger { get; } = new();

    public HarborClientOptions Options { get; }

    public HarborClient Client { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A second client with other credentials against the same server.</summary>
    public HarborClient ClientFor(string user, string secret) =>
        new(Options with { Username = user, Password = new HarborSecret(secret) }, Logger, TimeProvider.System);

    /// <summary>Every test ends with this: the client sent nothing the spec forbids.</summary>
    public void AssertNoSpecViolations() =>
        Assert.True(Server.Violations.IsEmpty, "Spec violations:\n" + string.Join("\n", Server.Violations));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
