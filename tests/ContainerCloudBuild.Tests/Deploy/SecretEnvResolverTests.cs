using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.Deploy;

public sealed class SecretEnvResolverTests
{
    private static ServiceDefinition Service(params SecretEnvReference[] secrets) => new() { Name = "orders", Folder = "/services/orders", SecretEnv = secrets };

    [Fact]
    public async Task Resolve_FileThenEnvironment_RegistersEveryValueWithTheMasker()
    {
        using var temp = new TempDirectory("ccb-secrets");
        await File.WriteAllTextAsync(temp.Combine("secrets.env"), "# local\nDB_PASSWORD=\"from-file-1\"\n", TestContext.Current.CancellationToken);
        var registered = new List<string>();
        var resolver = new SecretEnvResolver(temp.Combine("secrets.env"), name => name == "API_TOKEN" ? "from-env-2" : null, registered.Add);

        var values = await resolver.ResolveAsync(
            Service(new("DB_PASSWORD", "orders-db", "password"), new("API_TOKEN", "orders-api", "token")), TestContext.Current.CancellationToken);

        Assert.Equal("from-file-1", values["DB_PASSWORD"]);
        Assert.Equal("from-env-2", values["API_TOKEN"]);
        Assert.Equal(["from-file-1", "from-env-2"], registered);
    }

    [Fact]
    public async Task Resolve_Missing_NamesVariableAndPlacesButNoValue()
    {
        var resolver = new SecretEnvResolver(null, name => name == "PRESENT" ? "hunter22" : null, _ => { });

        var error = await Assert.ThrowsAsync<ServiceDefinitionException>(() =>
            resolver.ResolveAsync(Service(new("PRESENT", "s", "k"), new("ABSENT", "orders-db", "password")), TestContext.Current.CancellationToken));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("ABSENT", problem, StringComparison.Ordinal);
        Assert.Contains("--secrets-file", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", error.Message, StringComparison.Ordinal);
    }
}
