using ContainerCloudBuild.Zabbix.Api;

namespace ContainerCloudBuild.Zabbix.Registration;

/// <summary>
/// A retired revision's host is disabled, not deleted: Zabbix stops expecting its values and its history stays for
/// graphs and comparisons with the next revision.
/// </summary>
public sealed class ZabbixHostRetirement(ZabbixApi api)
{
    /// <summary>Disables <paramref name="hostName"/>; false when it does not exist or is disabled already.</summary>
    public async Task<bool> DisableAsync(string hostName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        var host = (await api.Hosts.GetAsync([hostName], cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (host is null || !host.Enabled)
            return false;
        await api.Hosts.SetEnabledAsync(host.HostId, enabled: false, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
