namespace ContainerCloudBuild.Zabbix.Api;

/// <summary><c>host.*</c> and <c>hostgroup.*</c>: find hosts by technical name, create trapper-only hosts, ensure host groups.</summary>
public sealed class ZabbixHostsApi(ZabbixApiClient client)
{
    /// <summary>The hosts among <paramref name="names"/> that exist (missing names are simply absent).</summary>
    public async Task<IReadOnlyList<ZabbixHost>> GetAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
            return [];
        var result = await client.CallAsync("host.get", new
        {
            output = new[] { "hostid", "host", "status", "maintenance_status" },
            filter = new { host = names },
        }, cancellationToken).ConfigureAwait(false);
        return [.. ZabbixJson.Items(result).Select(ReadHost)];
    }

    /// <summary>The hosts in a host group (by group id).</summary>
    public async Task<IReadOnlyList<ZabbixHost>> InGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        var result = await client.CallAsync("host.get", new
        {
            output = new[] { "hostid", "host", "status", "maintenance_status" },
            groupids = new[] { groupId },
        }, cancellationToken).ConfigureAwait(false);
        return [.. ZabbixJson.Items(result).Select(ReadHost)];
    }

    /// <summary>Creates a host without interfaces (it receives trapper values and active-agent data only); returns its id.</summary>
    public async Task<string> CreateAsync(string name, IReadOnlyList<string> groupIds, CancellationToken cancellationToken)
    {
        var result = await client.CallAsync("host.create", new
        {
            host = name,
            groups = groupIds.Select(g => new { groupid = g }).ToArray(),
        }, cancellationToken).ConfigureAwait(false);
        return ZabbixApi.Ids(result, "hostids")[0];
    }

    /// <summary>Enables or disables a host (a disabled host keeps its history).</summary>
    public async Task SetEnabledAsync(string hostId, bool enabled, CancellationToken cancellationToken) =>
        await client.CallAsync("host.update", new { hostid = hostId, status = enabled ? "0" : "1" }, cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes hosts by id (tests and clean-up).</summary>
    public async Task DeleteAsync(IReadOnlyList<string> hostIds, CancellationToken cancellationToken)
    {
        if (hostIds.Count > 0)
            await client.CallAsync("host.delete", hostIds, cancellationToken).ConfigureAwait(false);
    }

    private static ZabbixHost ReadHost(System.Text.Json.Nodes.JsonNode h) => new(
        ZabbixJson.Text(h, "hostid"), ZabbixJson.Text(h, "host"), ZabbixJson.Text(h, "status") == "0", ZabbixJson.Text(h, "maintenance_status") == "1");

    /// <summary>The id of the host group named <paramref name="name"/>, or null.</summary>
    public async Task<string?> FindGroupAsync(string name, CancellationToken cancellationToken)
    {
        var result = await client.CallAsync("hostgroup.get", new { output = new[] { "groupid" }, filter = new { name = new[] { name } } }, cancellationToken)
            .ConfigureAwait(false);
        return ZabbixJson.Items(result).Select(g => ZabbixJson.Text(g, "groupid")).FirstOrDefault();
    }

    /// <summary>The id of the host group named <paramref name="name"/>, created when missing.</summary>
    public async Task<string> EnsureGroupAsync(string name, CancellationToken cancellationToken)
    {
        if (await FindGroupAsync(name, cancellationToken).ConfigureAwait(false) is { } existing)
            return existing;
        try
        {
            var created = await client.CallAsync("hostgroup.create", new { name }, cancellationToken).ConfigureAwait(false);
            return ZabbixApi.Ids(created, "groupids")[0];
        }
        catch (ZabbixApiException ex) when (ex.Detail.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            // Another run created it between our get and create.
            return await FindGroupAsync(name, cancellationToken).ConfigureAwait(false) ?? throw new ZabbixApiException("hostgroup.get", 0, "Not found", ex.Detail);
        }
    }
}
