using System.Net.Sockets;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Sender;

namespace ContainerCloudBuild.Zabbix.Events;

/// <summary>
/// Deploy events into Zabbix, next to the JSON-lines, Loki and Fluent Bit sinks: values of trapper items
/// (<see cref="ZabbixDeployItems"/>) on the service's host, the host and items created when missing. Values for
/// items it just created are sent one at a time until the server's configuration cache accepts them, then in
/// batches. Failures become <see cref="EventSinkException"/>, which <see cref="EventShipper"/> retries.
/// </summary>
public sealed class ZabbixEventSink(ZabbixApi api, ZabbixSender sender, ZabbixEventSinkOptions options) : IEventSink
{
    private readonly ZabbixDeployEventMapper mapper = new();
    private readonly HashSet<string> readyHosts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    public string Name => $"zabbix:{sender.Server}";

    public async Task WriteAsync(IReadOnlyList<PipelineEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var byHost = batch.Select(e => (Host: options.HostOf(e), Event: e)).Where(x => x.Host is not null)
            .GroupBy(x => x.Host!, StringComparer.Ordinal);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var host in byHost)
            {
                var values = host.SelectMany(x => mapper.Map(host.Key, x.Event)).ToList();
                if (values.Count > 0)
                    await WriteHostAsync(host.Key, values, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is ZabbixSenderException or ZabbixApiException or SocketException)
        {
            throw new EventSinkException($"Event sink '{Name}' failed: {ex.Message}", ex);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task WriteHostAsync(string host, List<SenderValue> values, CancellationToken cancellationToken)
    {
        if (!readyHosts.Contains(host))
        {
            var created = await new ZabbixDeployHost(api, options).EnsureAsync(host, cancellationToken).ConfigureAwait(false);
            if (created)
            {
                // Items made in several API calls can reach the cache at different syncs: one value of each, in order, first.
                foreach (var first in values.DistinctBy(v => v.Key).ToList())
                {
                    await sender.SendUntilAcceptedAsync(first, options.ConfigCacheWait, options.RetryDelay, cancellationToken).ConfigureAwait(false);
                    values.Remove(first);
                }
            }
            readyHosts.Add(host);
        }
        if (values.Count > 0)
            await sender.SendAsync(values, cancellationToken).ConfigureAwait(false);
    }
}
