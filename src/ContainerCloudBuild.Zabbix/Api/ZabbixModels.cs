namespace ContainerCloudBuild.Zabbix.Api;

/// <summary>Zabbix's item value types (the <c>value_type</c> field and <c>history.get</c>'s <c>history</c>).</summary>
public enum ZabbixValueType { Float = 0, Character = 1, Log = 2, Unsigned = 3, Text = 4 }

/// <summary>A host: its id, technical name, whether it is monitored, whether it is in maintenance now.</summary>
public sealed record ZabbixHost(string HostId, string Name, bool Enabled, bool InMaintenance);

/// <summary>An item on a host.</summary>
public sealed record ZabbixItem(string ItemId, string HostId, string Key, string Name, ZabbixValueType ValueType);

/// <summary>One history value, as text (numbers in invariant culture).</summary>
public sealed record ZabbixHistoryValue(DateTimeOffset Clock, string Value);

/// <summary>A maintenance period with the hosts and host groups it covers.</summary>
public sealed record ZabbixMaintenance(
    string MaintenanceId, string Name, string Description, DateTimeOffset ActiveSince, DateTimeOffset ActiveTill,
    IReadOnlyList<string> HostIds, IReadOnlyList<string> GroupIds);

/// <summary>What a maintenance covers: hosts by id and/or host groups by id (at least one).</summary>
public sealed record ZabbixMaintenanceTarget(IReadOnlyList<string> HostIds, IReadOnlyList<string> GroupIds)
{
    public bool IsEmpty => HostIds.Count == 0 && GroupIds.Count == 0;
}
