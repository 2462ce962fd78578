using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Maintenance;

namespace ContainerCloudBuild.Deploy.Zabbix;

/// <summary>
/// The rollout hooks of a Deploy with Zabbix: for a service whose values enable zabbix with maintenance, its hosts (or
/// host group) are in maintenance during the rollout (<see cref="ZabbixMaintenanceHooks"/>); every other service gets
/// the <paramref name="inner"/> hooks alone.
/// </summary>
public sealed class ZabbixServiceHooks(ZabbixApi api, Func<string, ZabbixServiceValues> valuesOf, TimeProvider time, IRolloutHooks? inner) : IRolloutHooks
{
    public Task<RolloutHookResult> RunAsync(RolloutHookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = valuesOf(request.App);
        if (!values.Enabled || !values.Maintenance)
            return inner is null ? Task.FromResult(RolloutHookResult.None) : inner.RunAsync(request, cancellationToken);
        var options = new ZabbixMaintenanceOptions { HostsOf = r => values.MaintenanceHosts(r.App), HostGroup = values.MaintenanceGroup };
        return new ZabbixMaintenanceHooks(new ZabbixRolloutMaintenance(api, options, time), inner).RunAsync(request, cancellationToken);
    }
}
