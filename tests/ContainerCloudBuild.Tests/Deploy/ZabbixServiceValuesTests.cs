using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Deploy;
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
}
