using ContainerCloudBuild.Zabbix.Registration;
using ContainerCloudBuild.Zabbix.Sender;
using ContainerCloudBuild.Zabbix.Testing;

namespace ContainerCloudBuild.Zabbix.Tests;

/// <summary>A pre-registered host is in the server's configuration cache only after a cache update; the probe tells when.</summary>
public sealed class ServerCacheProbeTests(ZabbixFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitUntilKnown_PreRegisteredHost_TrueOnceTheCacheHasIt()
    {
        fixture.Require();
        var host = ZabbixFixture.UniqueHost("probe") + "-r1";
        var sender = new ZabbixSender("127.0.0.1", fixture.Servers.TrapperPort, TimeProvider.System);
        var probe = new ServerCacheProbe(sender);
        await new ZabbixRegistration(fixture.Api, new ZabbixRegistrationOptions()).PreRegisterAsync(ZabbixFixture.UniqueHost("tenant"), host, Ct);
        var immediately = await sender.SendBatchAsync([new SenderValue(host, ServerCacheProbe.Key, "1")], Ct);

        Assert.True(await probe.WaitUntilKnownAsync(host, TimeSpan.FromSeconds(30), Ct));
        Assert.True((await sender.SendBatchAsync([new SenderValue(host, ServerCacheProbe.Key, "1")], Ct)).Succeeded);
        TestContext.Current.TestOutputHelper?.WriteLine($"right after host.create the server {(immediately.Succeeded ? "already knew" : "did not know yet")} the host ({immediately.Info})");
    }

    [Fact]
    public async Task WaitUntilKnown_HostNobodyCreated_FalseAfterTheTimeout()
    {
        fixture.Require();
        var probe = new ServerCacheProbe(new ZabbixSender("127.0.0.1", fixture.Servers.TrapperPort, TimeProvider.System));

        Assert.False(await probe.WaitUntilKnownAsync(ZabbixFixture.UniqueHost("nobody"), TimeSpan.FromSeconds(2), Ct));
    }
}
