using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Tests.EndToEnd;

namespace ContainerCloudBuild.Tests.Deploy;

public sealed class ZabbixServiceValuesTests
{
    private static string Templates => Path.Combine(RepositoryRoot.Path, "templates", "manifests");
    private static string Sample => Path.Combine(RepositoryRoot.Path, "templates", "samples", "hello-service");

    private static Task<ServiceDefinition> ReadAsync(params string[] set) =>
        new ServiceDefinitionReader(Templates).ReadAsync(Sample, null, set, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Read_ZabbixNotEnabled_Disabled()
    {
        var service = await ReadAsync("zabbix.maintenance=true", "zabbix.agent=true");

        Assert.False(service.Zabbix.Enabled);
        Assert.False(service.Zabbix.Agent);
    }

    [Fact]
    public async Task Read_EnabledWithTenant_MaintenanceForTheServiceHostAndTheTenantGroup()
    {
        var service = await ReadAsync("zabbix.enabled=true", "tenant=shop", "zabbix.events=false", "zabbix.analysis.query=last(/h/k)",
            "zabbix.analysis.failureCondition=> 1", "zabbix.analysis.intervalSeconds=30", "zabbix.analysis.noData=pause");

        Assert.True(service.Zabbix.Enabled);
        Assert.Equal(["hello-service"], service.Zabbix.MaintenanceHosts(service.Name));
        Assert.Equal("ccb/shop", service.Zabbix.MaintenanceGroup);
        Assert.False(service.Zabbix.Events);
        Assert.True(service.Zabbix.Maintenance);
        Assert.Equal(("last(/h/k)", "> 1", TimeSpan.FromSeconds(30), NoDataPolicy.Pause),
            (service.Zabbix.Analysis.Query, service.Zabbix.Analysis.FailureCondition, service.Zabbix.Analysis.Interval, service.Zabbix.Analysis.NoData));
    }

    [Fact]
    public async Task Read_HostGroupSet_ThatGroupInsteadOfTheTenants()
    {
        var service = await ReadAsync("zabbix.enabled=true", "tenant=shop", "zabbix.hostGroup=Linux servers");

        Assert.Equal("Linux servers", service.Zabbix.MaintenanceGroup);
    }

    [Fact]
    public async Task Read_NoDataNotAPolicy_ProblemNamesTheKey()
    {
        var ex = await Assert.ThrowsAsync<ServiceDefinitionException>(() => ReadAsync("zabbix.enabled=true", "zabbix.analysis.noData=ignore"));

        Assert.Contains("zabbix.analysis.noData: 'ignore'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_SampleWithAgent_PreRegistersItsMetricsAsAgentItems()
    {
        var service = await ReadAsync("zabbix.enabled=true", "zabbix.agent=true", "zabbix.metricsIntervalSeconds=2");

        Assert.Equal(["http_requests_total"], service.Zabbix.Metrics);
        Assert.Equal(["agent.ping", "ccb.uptime", "ccb.metrics.up", "ccb.metric[http_requests_total]"], service.Zabbix.Registration().Items.Select(i => i.Key));
        Assert.All(service.Zabbix.Registration().Items, i => Assert.Equal("2s", i.Interval));
    }

    [Fact]
    public async Task Read_MetricNameNotAMetricsName_ProblemNamesIt()
    {
        using var folder = new TempDirectory("ccb-zabbix-values");
        folder.WriteFile("values.yaml", "name: bad-metrics\nzabbix:\n  enabled: true\n  metrics: [\"errors total\"]\n");

        var ex = await Assert.ThrowsAsync<ServiceDefinitionException>(() =>
            new ServiceDefinitionReader(Templates).ReadAsync(folder.Path, null, [], TestContext.Current.CancellationToken));

        Assert.Contains("zabbix.metrics: 'errors total'", ex.Message, StringComparison.Ordinal);
    }
}
