using ContainerCloudBuild.Testing;
using System.Net.Http.Headers;
using System.Text;
using ContainerCloudBuild.Abstractions;

namespace ContainerCloudBuild.Registry.Tests.Support;

/// <summary>A real registry with htpasswd (Basic) auth, shared by the tests of one class.</summary>
public sealed class BasicRegistryFixture : IAsyncLifetime
{
    public const string User = "ci-user";
    public const string Password = "s3cret-Pa55word";

    public bool Available => RegistryServer.IsInstalled;
    public RegistryServer Server { get; private set; } = null!;
    public ImageSeeder Seeder { get; private set; } = null!;
    public RegistryCredentials Credentials => new(Server.Host, User, Password);

    public async ValueTask InitializeAsync()
    {
        if (!Available) return;
        Server = await RegistryServer.StartBasicAsync(User, Password, TestContext.Current.CancellationToken);
        var header = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        Seeder = new ImageSeeder(Server.BaseUri, _ => header);
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }

    public void Require() =>
        ContainerCloudBuild.Testing.RequiredService.Require(Available, "docker-registry and htpasswd", RegistryServer.HowToInstall);
}
