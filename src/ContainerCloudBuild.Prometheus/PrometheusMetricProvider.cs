using ContainerCloudBuild.Analysis;

namespace ContainerCloudBuild.Prometheus;

/// <summary>
/// Runs a metric's rendered query as an instant query. An empty vector is no data (NaN values are judged as
/// no data by the engine); an unreachable Prometheus or a refused query is a provider error with its message.
/// </summary>
public sealed class PrometheusMetricProvider(PrometheusClient client, TimeSpan timeout) : IMetricProvider
{
    public PrometheusMetricProvider(PrometheusClient client) : this(client, TimeSpan.FromSeconds(10)) { }

    public string Name => "prometheus";

    public async Task<ProviderReading> MeasureAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            var result = await client.QueryAsync(query.Query, null, cts.Token).ConfigureAwait(false);
            if (result.Samples.Count == 0)
                return ProviderReading.NoData($"query '{query.Query}' returned an empty {result.ResultType}");
            return ProviderReading.Of([.. result.Samples.Select(s => s.Value)]);
        }
        catch (PrometheusQueryException ex)
        {
            return ProviderReading.Error(ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return ProviderReading.Error($"Prometheus at {client.BaseAddress} is unreachable: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProviderReading.Error($"Prometheus at {client.BaseAddress} did not answer within {timeout.TotalSeconds:0.###} s");
        }
    }
}
