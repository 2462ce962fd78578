using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.Deploy;

public sealed class ServiceRegistryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_TwiceIntoANewDirectory_LoadsAllSortedAndLeavesOnlyTheRegistryAndItsLock()
    {
        using var temp = new TempDirectory();
        var registry = new ServiceRegistry(temp.Combine("rollouts"));

        await registry.RegisterAsync([new RegisteredService("shop", 18081, "/srv/shop")], Ct);
        var all = await registry.RegisterAsync([new RegisteredService("hello", 18080, "/srv/hello")], Ct);

        RegisteredService[] expected = [new("hello", 18080, "/srv/hello"), new("shop", 18081, "/srv/shop")];
        Assert.Equal(expected, all);
        Assert.Equal(expected, await new ServiceRegistry(temp.Combine("rollouts")).LoadAsync(Ct));
        Assert.Equal(["services.json", "services.lock"], Directory.GetFiles(temp.Combine("rollouts")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
