using System.Globalization;
using System.Net.Sockets;
using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Zabbix.Api;

namespace ContainerCloudBuild.Zabbix.Analysis;

/// <summary>
/// Measures a Zabbix item for rollout analysis: the query (<see cref="ZabbixItemQuery"/>, e.g.
/// <c>avg(/{{app}}-{{revision}}/app.errors)</c>) is applied to the item's <c>history.get</c> values over the
/// measurement window. No host, no item or no value in the window is no data (the metric's no-data policy
/// decides); a bad query, a text item or a Zabbix that does not answer is a provider error, as with Prometheus.
/// </summary>
public sealed class ZabbixMetricProvider(ZabbixApi api, TimeProvider time, TimeSpan timeout) : IMetricProvider
{
    private const int MaxValues = 10_000;

    public ZabbixMetricProvider(ZabbixApi api, TimeProvider time) : this(api, time, TimeSpan.FromSeconds(10)) { }

    public string Name => "zabbix";

    public async Task<ProviderReading> MeasureAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!ZabbixItemQuery.TryParse(query.Query, out var item, out var error))
            return ProviderReading.Error(error);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await MeasureAsync(item!, query.Interval, cts.Token).ConfigureAwait(false);
        }
        catch (ZabbixApiException ex)
        {
            return ProviderReading.Error(ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException)
        {
            return ProviderReading.Error($"Zabbix API at {api.Client.Endpoint} is unreachable: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProviderReading.Error($"Zabbix API at {api.Client.Endpoint} did not answer within {timeout.TotalSeconds:0.###} s");
        }
    }

    private async Task<ProviderReading> MeasureAsync(ZabbixItemQuery query, TimeSpan window, CancellationToken cancellationToken)
    {
        var host = (await api.Hosts.GetAsync([query.Host], cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (host is null)
            return ProviderReading.NoData($"Zabbix has no host '{query.Host}'");
        var item = (await api.Items.GetAsync(host.HostId, [query.Key], cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (item is null)
            return ProviderReading.NoData($"Zabbix host '{query.Host}' has no item '{query.Key}'");
        if (item.ValueType is not (ZabbixValueType.Float or ZabbixValueType.Unsigned))
            return ProviderReading.Error($"{query} is a {item.ValueType} item; analysis needs a numeric (float or unsigned) item");
        var limit = query.Aggregate == ZabbixAggregate.Last ? 1 : MaxValues;
        var history = await api.Items.HistoryAsync(item.ItemId, item.ValueType, time.GetUtcNow() - window, null, limit, cancellationToken).ConfigureAwait(false);
        var values = history.Select(v => double.Parse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture)).ToList();
        return query.Apply(values) is { } value
            ? ProviderReading.Of([value], $"{query} over {values.Count} value(s) in the last {window.TotalSeconds:0.###} s")
            : ProviderReading.NoData($"{query} has no value in the last {window.TotalSeconds:0.###} s");
    }
}
