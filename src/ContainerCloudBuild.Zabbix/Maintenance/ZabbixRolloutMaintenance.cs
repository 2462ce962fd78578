using System.Globalization;
using ContainerCloudBuild.Zabbix.Api;

namespace ContainerCloudBuild.Zabbix.Maintenance;

/// <summary>
/// A maintenance with data collection for one rollout, crash-safe: named after the rollout
/// ("ccb rollout web r2"), bounded by <see cref="ZabbixMaintenanceOptions.Expiry"/>, and before it starts one it
/// removes what earlier runs left: the app's own maintenances and any expired one with the prefix.
/// </summary>
public sealed class ZabbixRolloutMaintenance(ZabbixApi api, ZabbixMaintenanceOptions options, TimeProvider time)
{
    public ZabbixMaintenanceOptions Options => options;

    public string NameFor(string app, string? revision) => $"{AppPrefix(app)}{revision ?? "rollout"}";

    /// <summary>Starts the rollout's maintenance; returns what it did (names, leftovers removed, expiry).</summary>
    /// <exception cref="ZabbixApiException">Zabbix refused a call, or none of the hosts (and no group) exists.</exception>
    public async Task<string> BeginAsync(string app, string? revision, IReadOnlyList<string> hosts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var removed = await RemoveLeftoversAsync(app, cancellationToken).ConfigureAwait(false);
        var found = await api.Hosts.GetAsync(hosts, cancellationToken).ConfigureAwait(false);
        var groupId = options.HostGroup is { } group ? await api.Hosts.FindGroupAsync(group, cancellationToken).ConfigureAwait(false) : null;
        var target = new ZabbixMaintenanceTarget([.. found.Select(h => h.HostId)], groupId is null ? [] : [groupId]);
        var missing = hosts.Where(h => found.All(f => f.Name != h)).ToList();
        if (target.IsEmpty)
        {
            throw new ZabbixApiException("host.get", 0, "Not found",
                $"Zabbix has none of the hosts {string.Join(", ", hosts)}{(options.HostGroup is null ? "" : $" and no host group '{options.HostGroup}'")} to put into maintenance");
        }
        var now = time.GetUtcNow();
        var name = NameFor(app, revision);
        await api.Maintenances.CreateAsync(name, $"ContainerCloudBuild rollout of {app} {revision}; removed when the rollout ends, expires by itself",
            now, now + options.Expiry, target, cancellationToken).ConfigureAwait(false);
        var what = string.Join(", ", found.Select(h => h.Name).Concat(options.HostGroup is not null && groupId is not null ? [$"group {options.HostGroup}"] : []));
        return $"Zabbix maintenance '{name}' for {what} until {(now + options.Expiry).ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture)}"
            + (missing.Count > 0 ? $" (no Zabbix host {string.Join(", ", missing)})" : "")
            + (removed > 0 ? $"; removed {removed} left over by an earlier run" : "");
    }

    /// <summary>Removes the app's maintenances; returns how many.</summary>
    public async Task<int> EndAsync(string app, CancellationToken cancellationToken)
    {
        var mine = await api.Maintenances.FindAsync(AppPrefix(app), cancellationToken).ConfigureAwait(false);
        await api.Maintenances.DeleteAsync([.. mine.Select(m => m.MaintenanceId)], cancellationToken).ConfigureAwait(false);
        return mine.Count;
    }

    private async Task<int> RemoveLeftoversAsync(string app, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ours = await api.Maintenances.FindAsync(options.NamePrefix, cancellationToken).ConfigureAwait(false);
        var leftovers = ours.Where(m => m.Name.StartsWith(AppPrefix(app), StringComparison.Ordinal) || m.ActiveTill <= now).ToList();
        await api.Maintenances.DeleteAsync([.. leftovers.Select(m => m.MaintenanceId)], cancellationToken).ConfigureAwait(false);
        return leftovers.Count;
    }

    private string AppPrefix(string app) => $"{options.NamePrefix}{app} ";
}
