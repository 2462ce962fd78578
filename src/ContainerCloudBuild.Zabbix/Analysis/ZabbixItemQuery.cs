namespace ContainerCloudBuild.Zabbix.Analysis;

/// <summary>What to do with an item's values in the measurement window.</summary>
public enum ZabbixAggregate { Last, Min, Max, Avg, Sum, Count }

/// <summary>
/// A metric query in Zabbix's own function syntax: <c>avg(/web-r2/app.latency)</c>, i.e. an aggregate
/// (last, min, max, avg, sum, count) of the item with key <c>app.latency</c> on host <c>web-r2</c> over the
/// measurement window. The key may contain slashes and brackets (<c>last(/web/web.page.get[/health])</c>).
/// </summary>
public sealed record ZabbixItemQuery(ZabbixAggregate Aggregate, string Host, string Key)
{
    public static bool TryParse(string text, out ZabbixItemQuery? query, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        query = null;
        var trimmed = text.Trim();
        var open = trimmed.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !trimmed.EndsWith(')') || !Enum.TryParse<ZabbixAggregate>(trimmed[..open], ignoreCase: true, out var aggregate)
            || !char.IsLetter(trimmed[0]))
        {
            error = $"'{text}' is not a Zabbix item query; write FUNCTION(/HOST/KEY) with FUNCTION one of last, min, max, avg, sum, count (e.g. avg(/web-r2/app.latency))";
            return false;
        }
        var path = trimmed[(open + 1)..^1];
        var slash = path.Length > 1 && path[0] == '/' ? path.IndexOf('/', 1) : -1;
        if (slash < 2 || slash == path.Length - 1)
        {
            error = $"'{text}' names no host and key; write {trimmed[..open]}(/HOST/KEY)";
            return false;
        }
        query = new ZabbixItemQuery(aggregate, path[1..slash], path[(slash + 1)..]);
        error = "";
        return true;
    }

    /// <summary>The aggregate of values (newest first); null when there are none.</summary>
    public double? Apply(IReadOnlyList<double> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        if (newestFirst.Count == 0)
            return null;
        return Aggregate switch
        {
            ZabbixAggregate.Last => newestFirst[0],
            ZabbixAggregate.Min => newestFirst.Min(),
            ZabbixAggregate.Max => newestFirst.Max(),
            ZabbixAggregate.Avg => newestFirst.Average(),
            ZabbixAggregate.Sum => newestFirst.Sum(),
            _ => newestFirst.Count,
        };
    }

    public override string ToString() => $"{Aggregate.ToString().ToLowerInvariant()}(/{Host}/{Key})";
}
