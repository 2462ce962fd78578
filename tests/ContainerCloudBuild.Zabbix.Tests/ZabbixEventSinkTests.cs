using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Analysis.Events;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Events;
using ContainerCloudBuild.Zabbix.Testing;

namespace ContainerCloudBuild.Zabbix.Tests;

/// <summary>Deploy events shipped to the real Zabbix and read back with history.get.</summary>
public sealed class ZabbixEventSinkTests(ZabbixFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ZabbixEventSink Sink(bool createMissingHosts = true) => new(fixture.Api, fixture.Sender,
        new ZabbixEventSinkOptions { CreateMissingHosts = createMissingHosts, ConfigCacheWait = TimeSpan.FromSeconds(20), RetryDelay = TimeSpan.FromMilliseconds(200) });

    [Fact]
    public async Task Shipper_RolledBackRollout_EventsOutcomeDurationAndVerdictReachANewHost()
    {
        fixture.Require();
        var app = ZabbixFixture.UniqueHost("ccb-app");
        var start = DateTimeOffset.UtcNow.AddMinutes(-2);
        RolloutEvent[] rollout =
        [
            new(start, app, RolloutEventKind.Started, "canary to 3 steps", "r2"),
            new(start.AddSeconds(5), app, RolloutEventKind.WeightSet, "canary at 20%", "r2"),
            new(start.AddSeconds(30), app, RolloutEventKind.AnalysisFailed, "error-rate 0.3 > 0.05", "r2"),
            new(start.AddSeconds(42.5), app, RolloutEventKind.Aborted, "rolled back to r1", "r2"),
        ];
        await using (var shipper = new EventShipper(Sink(), new SecretMasker(), new EventShipperOptions(), TimeProvider.System))
        {
            var events = new ShippingRolloutEvents(shipper);
            foreach (var e in rollout)
                events.Publish(e);
        }

        var api = fixture.Api;
        var host = Assert.Single(await api.Hosts.GetAsync([app], Ct));
        var items = (await api.Items.GetAsync(host.HostId, [.. ZabbixDeployItems.All.Select(i => i.Key)], Ct)).ToDictionary(i => i.Key);
        var texts = await fixture.WaitForHistoryAsync(items[ZabbixDeployItems.Event], 4, start, Ct);
        Assert.Equal(
            ["rollout.Aborted r2: rolled back to r1", "rollout.AnalysisFailed r2: error-rate 0.3 > 0.05", "rollout.WeightSet r2: canary at 20%", "rollout.Started r2: canary to 3 steps"],
            texts.Select(v => v.Value));
        Assert.Equal(start.ToUnixTimeSeconds(), texts[^1].Clock.ToUnixTimeSeconds());
        Assert.Equal("1", Assert.Single(await fixture.WaitForHistoryAsync(items[ZabbixDeployItems.Outcome], 1, start, Ct)).Value);
        Assert.Equal(42.5, double.Parse(Assert.Single(await fixture.WaitForHistoryAsync(items[ZabbixDeployItems.Duration], 1, start, Ct)).Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1", Assert.Single(await fixture.WaitForHistoryAsync(items[ZabbixDeployItems.Analysis], 1, start, Ct)).Value);
    }

    [Fact]
    public async Task Sink_ExistingHostSecondRollout_BatchesToTheSameItems()
    {
        fixture.Require();
        var app = ZabbixFixture.UniqueHost("ccb-again");
        var sink = Sink();
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        await sink.WriteAsync([Event(start, app, RolloutEventKind.Started), Event(start.AddSeconds(10), app, RolloutEventKind.Completed)], Ct);
        var second = new ZabbixEventSink(fixture.Api, fixture.Sender, new ZabbixEventSinkOptions());
        await second.WriteAsync([Event(start.AddSeconds(20), app, RolloutEventKind.Started), Event(start.AddSeconds(23), app, RolloutEventKind.Completed)], Ct);

        var api = fixture.Api;
        var host = Assert.Single(await api.Hosts.GetAsync([app], Ct));
        var duration = Assert.Single(await api.Items.GetAsync(host.HostId, [ZabbixDeployItems.Duration], Ct));
        var values = await fixture.WaitForHistoryAsync(duration, 2, start, Ct);
        Assert.Equal(["3", "10"], values.Select(v => v.Value));
    }

    [Fact]
    public async Task Sink_UnknownHostWithoutCreation_ThrowsEventSinkExceptionNamingTheHost()
    {
        fixture.Require();
        var app = ZabbixFixture.UniqueHost("ccb-missing");
        var ex = await Assert.ThrowsAsync<EventSinkException>(() => Sink(createMissingHosts: false).WriteAsync([Event(DateTimeOffset.UtcNow, app, RolloutEventKind.Started)], Ct));
        Assert.Contains($"no host '{app}'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.Api.Hosts.GetAsync([app], Ct));
    }

    [Fact]
    public async Task Sink_PipelineEventsWithoutApp_AreSkipped()
    {
        fixture.Require();
        await Sink().WriteAsync([PipelineEvent.Create(TimeProvider.System, "build.started", "compile")], Ct);
    }

    private static PipelineEvent Event(DateTimeOffset at, string app, RolloutEventKind kind) =>
        ShippingRolloutEvents.ToPipelineEvent(new RolloutEvent(at, app, kind, kind.ToString(), "r9"));
}
