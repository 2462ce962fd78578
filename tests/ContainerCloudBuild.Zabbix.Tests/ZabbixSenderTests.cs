using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Sender;
using ContainerCloudBuild.Zabbix.Testing;

namespace ContainerCloudBuild.Zabbix.Tests;

/// <summary>The sender (trapper) protocol client against the real zabbix_server.</summary>
public sealed class ZabbixSenderTests(ZabbixFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Frame_Json_HasHeaderFlagsAndLittleEndianLength()
    {
        var frame = ZabbixSender.Frame("""{"a":"é"}""");
        Assert.Equal("ZBXD"u8.ToArray(), frame[..4]);
        Assert.Equal(1, frame[4]);
        Assert.Equal(10, BinaryPrimitives.ReadInt64LittleEndian(frame.AsSpan(5, 8)));
        Assert.Equal("""{"a":"é"}""", Encoding.UTF8.GetString(frame, 13, frame.Length - 13));
    }

    [Fact]
    public void Reply_InfoWithFailures_IsNotASuccess()
    {
        var reply = SenderReply.Parse("success", "processed: 1; failed: 2; total: 3; seconds spent: 0.000040");
        Assert.Equal((1, 2, 3), (reply.Processed, reply.Failed, reply.Total));
        Assert.False(reply.Succeeded);
    }

    [Fact]
    public async Task Send_KnownItemsInTwoBatches_ValuesReachHistory()
    {
        fixture.Require();
        var host = ZabbixFixture.UniqueHost("ccb-send");
        var hostId = await fixture.CreateHostAsync(host, [("load", ZabbixValueType.Float), ("note", ZabbixValueType.Text)], Ct);
        var clock = DateTimeOffset.UtcNow.AddSeconds(-5);
        var sender = new ZabbixSender("127.0.0.1", fixture.Servers.TrapperPort, TimeProvider.System, batchSize: 2);
        var result = await sender.SendAsync(
            [SenderValue.Number(host, "load", 1.5, clock), SenderValue.Number(host, "load", 2.25, clock.AddSeconds(1)), new SenderValue(host, "note", "deployed r2", clock)], Ct);
        Assert.Equal(new SenderResult(3, 0, 2), result);

        var api = fixture.Api;
        var items = await api.Items.GetAsync(hostId, ["load", "note"], Ct);
        var load = items.Single(i => i.Key == "load");
        var history = await fixture.WaitForHistoryAsync(load, 2, clock, Ct);
        Assert.Equal(["2.25", "1.5"], history.Select(v => v.Value));
        Assert.Equal(clock.AddSeconds(1).ToUnixTimeSeconds(), history[0].Clock.ToUnixTimeSeconds());
        var note = await fixture.WaitForHistoryAsync(items.Single(i => i.Key == "note"), 1, clock, Ct);
        Assert.Equal("deployed r2", note[0].Value);
    }

    [Fact]
    public async Task Send_UnknownHost_ThrowsNamingTheRejectedItem()
    {
        fixture.Require();
        var host = ZabbixFixture.UniqueHost("ccb-nohost");
        var ex = await Assert.ThrowsAsync<ZabbixSenderException>(() => fixture.Sender.SendAsync([new SenderValue(host, "load", "1")], Ct));
        Assert.Equal((1, 1), (ex.Failed, ex.Total));
        Assert.Equal($"{host}:load", Assert.Single(ex.Rejected).ToString());
        Assert.Contains($"rejected: {host}:load", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_BatchWithOneUnknownItem_CountsTheFailureAndNamesTheBatch()
    {
        fixture.Require();
        var host = ZabbixFixture.UniqueHost("ccb-mixed");
        await fixture.CreateHostAsync(host, [("load", ZabbixValueType.Float)], Ct);
        var ex = await Assert.ThrowsAsync<ZabbixSenderException>(() =>
            fixture.Sender.SendAsync([SenderValue.Number(host, "load", 2), SenderValue.Number(host, "no.such.key", 3)], Ct));
        Assert.Equal((1, 2), (ex.Failed, ex.Total));
        Assert.Equal([$"{host}:load", $"{host}:no.such.key"], ex.Rejected.Select(v => v.ToString()));
        Assert.Contains("rejected 1 of 2 values (rejected among:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_NothingListening_ThrowsSocketException()
    {
        var sender = new ZabbixSender("127.0.0.1", FreePort.Next(), TimeProvider.System);
        await Assert.ThrowsAnyAsync<SocketException>(() => sender.SendAsync([new SenderValue("h", "k", "1")], Ct));
    }
}
