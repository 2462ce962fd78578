using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Analysis.Conditions;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Analysis;
using ContainerCloudBuild.Rollouts.Analysis.Events;
using ContainerCloudBuild.Rollouts.Analysis.Templates;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Zabbix.Analysis;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Events;
using ContainerCloudBuild.Zabbix.Maintenance;
using ContainerCloudBuild.Zabbix.Sender;
using ContainerCloudBuild.Zabbix.Testing;

namespace ContainerCloudBuild.Zabbix.Tests;

/// <summary>
/// The three rollout uses together on the real rollout controller (workloads and router are stand-ins) and the real
/// Zabbix: maintenance for the canary, deploy events on the service's host, and a canary rolled back because the new
/// revision's Zabbix item crossed its threshold.
/// </summary>
public sealed class ZabbixCanaryTests(ZabbixFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class ErrorsFromZabbix(IMetricProvider provider) : IRolloutAnalysisTemplate
    {
        public IReadOnlyList<AnalysisMetric> Build(AnalysisTemplateContext context) =>
        [
            new("zabbix-errors", provider)
            {
                Query = "last(/{{app}}-{{revision}}/app.errors)",
                FailureCondition = Condition.Parse("> 0.1"),
                Interval = TimeSpan.FromMilliseconds(300),
                QueryWindow = TimeSpan.FromMinutes(5),
                Count = 3,
            },
        ];
    }

    private sealed class Both(params IRolloutEvents[] sinks) : IRolloutEvents
    {
        public void Publish(RolloutEvent rolloutEvent)
        {
            foreach (var sink in sinks)
                sink.Publish(rolloutEvent);
        }
    }

    [Fact]
    public async Task Canary_ZabbixItemOverThreshold_RolledBackWithMaintenanceAndEventsInZabbix()
    {
        fixture.Require();
        var app = ZabbixFixture.UniqueHost("ccb-shop");
        var serviceHostId = await fixture.CreateHostAsync(app, [], Ct);
        var canaryHostId = await fixture.CreateHostAsync($"{app}-r2", [("app.errors", ZabbixValueType.Float)], Ct);
        var sent = DateTimeOffset.UtcNow.AddSeconds(-1); // history clocks are whole seconds
        await fixture.Sender.SendAsync([SenderValue.Number($"{app}-r2", "app.errors", 0.35)], Ct);
        // The analysis reads history: wait until the server has written the value (under a second, more under load).
        await fixture.WaitForHistoryAsync((await fixture.Api.Items.GetAsync(canaryHostId, ["app.errors"], Ct)).Single(), 1, sent, Ct);
        var started = DateTimeOffset.UtcNow;

        var api = fixture.Api;
        var log = new CallLog();
        var driver = new FakeWorkloadDriver(log);
        var router = new FakeTrafficRouter(log);
        var store = new InMemoryRolloutStateStore();
        var recorded = new RecordingRolloutEvents();
        var seed = new RolloutController(driver, router, store, recorded, TimeProvider.System);
        Assert.True((await seed.DeployBlueGreenAsync(new BlueGreenSpec { App = app, Revision = "r1", Workload = new WorkloadSpec { Image = "shop:r1" }, ScaleDownDelay = TimeSpan.Zero }, Ct)).Succeeded);

        var hooks = new ZabbixMaintenanceHooks(new ZabbixRolloutMaintenance(api, new ZabbixMaintenanceOptions(), TimeProvider.System));
        var sink = new ZabbixEventSink(api, fixture.Sender, new ZabbixEventSinkOptions { ConfigCacheWait = TimeSpan.FromSeconds(20), RetryDelay = TimeSpan.FromMilliseconds(200) });
        RolloutResult result;
        string? maintenanceDuringCanary = null;
        using (var analysis = new RolloutAnalysisRunner(
            new Dictionary<string, IRolloutAnalysisTemplate> { ["zabbix-errors"] = new ErrorsFromZabbix(new ZabbixMetricProvider(api, TimeProvider.System)) },
            new RolloutAnalysisOptions { OnMeasurement = _ => maintenanceDuringCanary ??= MaintenanceName(api, app) }))
        {
            await using var shipper = new EventShipper(sink, new SecretMasker(), new EventShipperOptions(), TimeProvider.System);
            var controller = new RolloutController(driver, router, store, new Both(recorded, new ShippingRolloutEvents(shipper)), TimeProvider.System)
            {
                Analysis = analysis,
                Hooks = hooks,
            };
            result = await controller.StartCanaryAsync(new CanarySpec
            {
                App = app, Revision = "r2", Workload = new WorkloadSpec { Image = "shop:r2" },
                Steps = [CanaryStep.SetWeight(20), CanaryStep.Analysis("zabbix-errors"), CanaryStep.SetWeight(100)],
            }, Ct);
        }

        Assert.False(result.Succeeded);
        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Contains("value 0.35 meets the failure condition > 0.1", result.Message, StringComparison.Ordinal);
        Assert.Equal(100, router.Weights["r1"]);
        Assert.Equal($"ccb rollout {app} r2", maintenanceDuringCanary);
        Assert.Empty(await api.Maintenances.FindAsync($"ccb rollout {app} ", Ct));

        var items = (await api.Items.GetAsync(serviceHostId, [ZabbixDeployItems.Outcome, ZabbixDeployItems.Analysis, ZabbixDeployItems.Event], Ct)).ToDictionary(i => i.Key);
        Assert.Equal("1", (await fixture.WaitForHistoryAsync(items[ZabbixDeployItems.Outcome], 1, started, Ct))[0].Value);
        Assert.Equal("1", (await fixture.WaitForHistoryAsync(items[ZabbixDeployItems.Analysis], 1, started, Ct))[0].Value);
        var texts = await fixture.WaitForHistoryAsync(items[ZabbixDeployItems.Event], 3, started, Ct);
        Assert.Contains(texts, t => t.Value.StartsWith("rollout.AnalysisFailed r2: ", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Value.StartsWith("rollout.Aborted r2: ", StringComparison.Ordinal));
    }

    /// <summary>Read on the analysis' thread while the canary runs: the name of the app's maintenance, if any.</summary>
    private static string? MaintenanceName(ZabbixApi api, string app) =>
        api.Maintenances.FindAsync($"ccb rollout {app} ", CancellationToken.None).GetAwaiter().GetResult().Select(m => m.Name).FirstOrDefault();
}
