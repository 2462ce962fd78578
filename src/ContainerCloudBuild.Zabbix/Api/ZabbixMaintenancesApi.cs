using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Zabbix.Api;

/// <summary><c>maintenance.get</c>, <c>maintenance.create</c> (one-time period, with data collection) and <c>maintenance.delete</c>.</summary>
public sealed class ZabbixMaintenancesApi(ZabbixApiClient client)
{
    /// <summary>Maintenances whose name starts with <paramref name="namePrefix"/>.</summary>
    public async Task<IReadOnlyList<ZabbixMaintenance>> FindAsync(string namePrefix, CancellationToken cancellationToken)
    {
        var result = await client.CallAsync("maintenance.get", new
        {
            output = "extend",
            selectHosts = new[] { "hostid" },
            selectGroups = new[] { "groupid" },
            search = new { name = namePrefix },
            startSearch = true,
        }, cancellationToken).ConfigureAwait(false);
        return [.. ZabbixJson.Items(result).Select(Read).Where(m => m.Name.StartsWith(namePrefix, StringComparison.Ordinal))];
    }

    /// <summary>
    /// Creates a maintenance with data collection covering [<paramref name="since"/>, <paramref name="till"/>]
    /// (Zabbix keeps whole minutes: the start is rounded down and the end up, so the period covers both); returns its id.
    /// </summary>
    public async Task<string> CreateAsync(
        string name, string description, DateTimeOffset since, DateTimeOffset till, ZabbixMaintenanceTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.IsEmpty)
            throw new ArgumentException($"Maintenance '{name}' covers no host and no host group.", nameof(target));
        var start = since.ToUnixTimeSeconds() / 60 * 60;
        var end = (till.ToUnixTimeSeconds() + 59) / 60 * 60;
        var parameters = new Dictionary<string, object>
        {
            ["name"] = name,
            ["description"] = description,
            ["maintenance_type"] = 0,
            ["active_since"] = start,
            ["active_till"] = end,
            ["timeperiods"] = new[] { new { timeperiod_type = 0, start_date = start, period = Math.Max(300, end - start) } },
        };
        if (target.HostIds.Count > 0)
            parameters["hosts"] = target.HostIds.Select(h => new { hostid = h }).ToArray();
        if (target.GroupIds.Count > 0)
            parameters["groups"] = target.GroupIds.Select(g => new { groupid = g }).ToArray();
        var result = await client.CallAsync("maintenance.create", parameters, cancellationToken).ConfigureAwait(false);
        return ZabbixApi.Ids(result, "maintenanceids")[0];
    }

    public async Task DeleteAsync(IReadOnlyList<string> maintenanceIds, CancellationToken cancellationToken)
    {
        if (maintenanceIds.Count > 0)
            await client.CallAsync("maintenance.delete", maintenanceIds, cancellationToken).ConfigureAwait(false);
    }

    private static ZabbixMaintenance Read(JsonNode m)
    {
        var groups = ZabbixJson.Items(m["groups"]);
        return new ZabbixMaintenance(
            ZabbixJson.Text(m, "maintenanceid"), ZabbixJson.Text(m, "name"), ZabbixJson.Text(m, "description"),
            DateTimeOffset.FromUnixTimeSeconds(ZabbixJson.Long(m, "active_since")), DateTimeOffset.FromUnixTimeSeconds(ZabbixJson.Long(m, "active_till")),
            [.. ZabbixJson.Items(m["hosts"]).Select(h => ZabbixJson.Text(h, "hostid"))], [.. groups.Select(g => ZabbixJson.Text(g, "groupid"))]);
    }
}
