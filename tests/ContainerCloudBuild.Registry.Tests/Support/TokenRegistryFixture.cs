using System.Net.Http.Headers;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Registry.Tests.Support;

/// <summary>A real registry with token auth, backed by the in-process <see cref="TokenService"/>.</summary>
public sealed class TokenRegistryFixture : IAsyncLifetime
{
    public const string User = "robot-ci";
    public const string Password = "t0ken-Pa55word";

    private readonly TempDirectory _directory = new("ccb-token");

    public bool Available => RegistryServer.IsInstalled;
    public TokenService Tokens { get; private set; } = null!;
    public RegistryServer Server { get; private set; } = null!;
    public ImageSeeder Seeder { get; private set; } = null!;
    public RegistryCredentials Credentials => new(Server.Host, User, Password);

    public async ValueTask InitializeAsync()
    {
        if (!Available) return;
        Tokens = new TokenService(_directory, new Dictionary<string, string> { [User] = Password });
        Server = await RegistryServer.StartTokenAsync(Tokens.Realm, TokenService.Service, TokenService.Issuer,
            Tokens.CertificatePemPath, TestContext.Current.CancellationToken);
        Seeder = new ImageSeeder(Server.BaseUri, repository =>
            new AuthenticationHeaderValue("Bearer", Tokens.Mint("seeder", [$"repository:{repository}:pull,push"], TimeSpan.FromMinutes(5))));
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        if (Tokens is not null) await Tokens.DisposeAsync();
        _directory.Dispose();
    }

    public void Require() => RequiredService.Require(Available, "docker-registry", RegistryServer.HowToInstall);
}
