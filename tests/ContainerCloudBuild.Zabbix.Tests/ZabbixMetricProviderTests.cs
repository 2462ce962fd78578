using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Analysis.Conditions;
using ContainerCloudBuild.Analysis.Engine;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Zabbix.Analysis;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Sender;
using ContainerCloudBuild.Zabbix.Testing;

namespace ContainerCloudBuild.Zabbix.Tests;

/// <summary>Analysis judged on Zabbix items: values sent through the trapper, read with history.get, judged by the runner.</summary>
public sealed class ZabbixMetricProviderTests(ZabbixFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AnalysisMetric Latency(string aggregate, int count = 2) => new("latency", new ZabbixMetricProvider(fixture.Api, TimeProvider.System))
    {
        Query = aggregate + "(/{{host}}/app.latency)",
        SuccessCondition = Condition.Parse("< 0.5"),
        Interval = TimeSpan.FromMilliseconds(300),
        QueryWindow = TimeSpan.FromMinutes(5),
        Count = count,
    };

    private static async Task<(AnalysisResult Result, List<AnalysisMeasurement> Seen)> RunAsync(AnalysisMetric metric, string host)
    {
        var seen = new List<AnalysisMeasurement>();
        var result = await new AnalysisRunner(TimeProvider.System).RunAsync([metric], new Dictionary<string, string> { ["host"] = host },
            new DelegateAnalysisObserver(m => { lock (seen) seen.Add(m); }), Ct);
        return (result, seen);
    }

    private async Task<string> HostWithLatenciesAsync(params double[] values)
    {
        var host = ZabbixFixture.UniqueHost("ccb-canary");
        await fixture.CreateHostAsync(host, [("app.latency", ZabbixValueType.Float), ("app.log", ZabbixValueType.Text)], Ct);
        var clock = DateTimeOffset.UtcNow.AddSeconds(-values.Length - 5);
        await fixture.Sender.SendAsync([.. values.Select((v, i) => SenderValue.Number(host, "app.latency", v, clock.AddSeconds(i)))], Ct);
        var item = Assert.Single(await fixture.Api.Items.GetAsync((await fixture.Api.Hosts.GetAsync([host], Ct))[0].HostId, ["app.latency"], Ct));
        await fixture.WaitForHistoryAsync(item, values.Length, clock, Ct);
        return host;
    }

    [Fact]
    public async Task Analysis_AverageUnderThreshold_PassesShowingValueAndCount()
    {
        fixture.Require();
        var host = await HostWithLatenciesAsync(0.2, 0.3, 0.4);
        var (result, seen) = await RunAsync(Latency("avg"), host);
        Assert.Equal(AnalysisOutcome.Successful, result.Outcome);
        Assert.Equal(2, seen.Count);
        Assert.All(seen, m => Assert.Equal(0.3, Assert.Single(m.Values), 6));
        Assert.Contains($"avg(/{host}/app.latency) over 3 value(s) in the last 300 s", seen[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analysis_LatestValueOverThreshold_FailsAtTheFailureLimitNamingValueAndThreshold()
    {
        fixture.Require();
        var host = await HostWithLatenciesAsync(0.1, 0.1, 0.9);
        var (result, seen) = await RunAsync(Latency("last", count: 5) with { FailureLimit = 1 }, host);
        Assert.Equal(AnalysisOutcome.Failed, result.Outcome);
        Assert.Equal(2, seen.Count);
        Assert.Contains("value 0.9 does not meet the success condition < 0.5", result.Message, StringComparison.Ordinal);
        Assert.Contains("failure limit 1", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max", 0.9)]
    [InlineData("min", 0.1)]
    [InlineData("sum", 1.1)]
    [InlineData("count", 3)]
    public async Task Measure_Aggregates_OverTheWindow(string aggregate, double expected)
    {
        fixture.Require();
        var host = await HostWithLatenciesAsync(0.1, 0.1, 0.9);
        var reading = await new ZabbixMetricProvider(fixture.Api, TimeProvider.System).MeasureAsync(Query($"{aggregate}(/{host}/app.latency)"), Ct);
        Assert.Equal(ReadingKind.Values, reading.Kind);
        Assert.Equal(expected, Assert.Single(reading.Values), 6);
    }

    [Theory]
    [InlineData(NoDataPolicy.Fail, AnalysisOutcome.Failed)]
    [InlineData(NoDataPolicy.Pause, AnalysisOutcome.Inconclusive)]
    [InlineData(NoDataPolicy.Pass, AnalysisOutcome.Successful)]
    public async Task Analysis_UnknownHost_FollowsTheNoDataPolicy(NoDataPolicy policy, AnalysisOutcome expected)
    {
        fixture.Require();
        var host = ZabbixFixture.UniqueHost("ccb-nodata");
        var (result, seen) = await RunAsync(Latency("avg", count: 1) with { NoData = policy }, host);
        Assert.Equal(expected, result.Outcome);
        Assert.Contains($"Zabbix has no host '{host}'", Assert.Single(seen).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measure_NoValueInTheWindow_IsNoData()
    {
        fixture.Require();
        var host = await HostWithLatenciesAsync(0.1);
        var reading = await new ZabbixMetricProvider(fixture.Api, TimeProvider.System).MeasureAsync(Query($"avg(/{host}/app.latency)", TimeSpan.FromSeconds(1)), Ct);
        Assert.Equal(ReadingKind.NoData, reading.Kind);
        Assert.Contains("has no value in the last 1 s", reading.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measure_TextItem_IsAnErrorNamingTheType()
    {
        fixture.Require();
        var host = await HostWithLatenciesAsync(0.1);
        var reading = await new ZabbixMetricProvider(fixture.Api, TimeProvider.System).MeasureAsync(Query($"last(/{host}/app.log)"), Ct);
        Assert.Equal(ReadingKind.Error, reading.Kind);
        Assert.Contains("is a Text item", reading.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("median(/h/k)", "is not a Zabbix item query")]
    [InlineData("avg(h/k)", "names no host and key")]
    [InlineData("avg(/h/)", "names no host and key")]
    public async Task Measure_BadQuery_IsAnErrorSayingHowToWriteIt(string query, string expected)
    {
        var reading = await new ZabbixMetricProvider(ZabbixApi.Create(fixture.Http, new Uri("http://127.0.0.1:9/"), ZabbixCredentials.User("a", "b"), new SecretMasker()), TimeProvider.System)
            .MeasureAsync(Query(query), Ct);
        Assert.Equal(ReadingKind.Error, reading.Kind);
        Assert.Contains(expected, reading.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measure_ApiUnreachable_IsAProviderError()
    {
        var api = ZabbixApi.Create(fixture.Http, new Uri($"http://127.0.0.1:{FreePort.Next()}/"), ZabbixCredentials.User("Admin", "zabbix"), new SecretMasker());
        var reading = await new ZabbixMetricProvider(api, TimeProvider.System).MeasureAsync(Query("avg(/h/k)"), Ct);
        Assert.Equal(ReadingKind.Error, reading.Kind);
        Assert.StartsWith($"Zabbix API at {api.Client.Endpoint} is unreachable", reading.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_KeyWithSlashesAndBrackets_KeepsTheWholeKey()
    {
        Assert.True(ZabbixItemQuery.TryParse("last(/web-r2/web.page.get[/health,80])", out var query, out _));
        Assert.Equal(new ZabbixItemQuery(ZabbixAggregate.Last, "web-r2", "web.page.get[/health,80]"), query);
    }

    private static MetricQuery Query(string text, TimeSpan? window = null) =>
        new("latency", text, window ?? TimeSpan.FromMinutes(5), new Dictionary<string, string>());
}
