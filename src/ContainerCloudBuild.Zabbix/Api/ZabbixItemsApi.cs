using System.Globalization;

namespace ContainerCloudBuild.Zabbix.Api;

/// <summary><c>item.get</c>, <c>item.create</c> (trapper items) and <c>history.get</c>.</summary>
public sealed class ZabbixItemsApi(ZabbixApiClient client)
{
    /// <summary>The items of a host with the given keys (missing keys are absent).</summary>
    public async Task<IReadOnlyList<ZabbixItem>> GetAsync(string hostId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = await client.CallAsync("item.get", new
        {
            output = new[] { "itemid", "hostid", "key_", "name", "value_type" },
            hostids = new[] { hostId },
            filter = new Dictionary<string, object> { ["key_"] = keys },
        }, cancellationToken).ConfigureAwait(false);
        return [.. ZabbixJson.Items(result).Select(i => new ZabbixItem(
            ZabbixJson.Text(i, "itemid"), ZabbixJson.Text(i, "hostid"), ZabbixJson.Text(i, "key_"), ZabbixJson.Text(i, "name"),
            (ZabbixValueType)ZabbixJson.Long(i, "value_type")))];
    }

    /// <summary>Creates a Zabbix trapper item (values arrive through the sender protocol); returns its id.</summary>
    public async Task<string> CreateTrapperAsync(string hostId, string key, string name, ZabbixValueType valueType, string units, CancellationToken cancellationToken)
    {
        var result = await client.CallAsync("item.create", new Dictionary<string, object>
        {
            ["hostid"] = hostId,
            ["key_"] = key,
            ["name"] = name,
            ["type"] = "2",
            ["value_type"] = ((int)valueType).ToString(CultureInfo.InvariantCulture),
            ["units"] = units,
            ["history"] = "31d",
        }, cancellationToken).ConfigureAwait(false);
        return ZabbixApi.Ids(result, "itemids")[0];
    }

    /// <summary>
    /// An item's values with clocks in [<paramref name="from"/>, <paramref name="till"/>], newest first, at most
    /// <paramref name="limit"/>. <paramref name="valueType"/> must be the item's (Zabbix keeps one table per type).
    /// </summary>
    public async Task<IReadOnlyList<ZabbixHistoryValue>> HistoryAsync(
        string itemId, ZabbixValueType valueType, DateTimeOffset from, DateTimeOffset? till, int limit, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object>
        {
            ["output"] = "extend",
            ["history"] = (int)valueType,
            ["itemids"] = new[] { itemId },
            ["time_from"] = from.ToUnixTimeSeconds(),
            ["sortfield"] = "clock",
            ["sortorder"] = "DESC",
            ["limit"] = limit,
        };
        if (till is { } t)
            parameters["time_till"] = t.ToUnixTimeSeconds();
        var result = await client.CallAsync("history.get", parameters, cancellationToken).ConfigureAwait(false);
        return [.. ZabbixJson.Items(result).Select(v => new ZabbixHistoryValue(
            DateTimeOffset.FromUnixTimeSeconds(ZabbixJson.Long(v, "clock")).AddTicks(ZabbixJson.Long(v, "ns") / 100), ZabbixJson.Text(v, "value")))];
    }
}
