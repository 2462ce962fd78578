using ContainerCloudBuild.Zabbix.Api;

namespace ContainerCloudBuild.Zabbix.Events;

/// <summary>Makes sure a service's host exists with the deploy items (<see cref="ZabbixDeployItems"/>); idempotent.</summary>
public sealed class ZabbixDeployHost(ZabbixApi api, ZabbixEventSinkOptions options)
{
    /// <summary>True when it created the host or an item (the server's configuration cache does not have them yet).</summary>
    public async Task<bool> EnsureAsync(string host, CancellationToken cancellationToken)
    {
        var created = false;
        var existing = (await api.Hosts.GetAsync([host], cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        string hostId;
        if (existing is not null)
        {
            hostId = existing.HostId;
        }
        else if (options.CreateMissingHosts)
        {
            var group = await api.Hosts.EnsureGroupAsync(options.HostGroup, cancellationToken).ConfigureAwait(false);
            hostId = await api.Hosts.CreateAsync(host, [group], cancellationToken).ConfigureAwait(false);
            created = true;
        }
        else
        {
            throw new ZabbixApiException("host.get", 0, "Not found",
                $"Zabbix has no host '{host}' for its deploy events; create it (or its auto-registration) or set CreateMissingHosts");
        }
        var keys = ZabbixDeployItems.All.Select(i => i.Key).ToList();
        var items = await api.Items.GetAsync(hostId, keys, cancellationToken).ConfigureAwait(false);
        foreach (var (key, name, type, units) in ZabbixDeployItems.All.Where(i => items.All(x => x.Key != i.Key)))
        {
            await api.Items.CreateTrapperAsync(hostId, key, name, type, units, cancellationToken).ConfigureAwait(false);
            created = true;
        }
        return created;
    }
}
