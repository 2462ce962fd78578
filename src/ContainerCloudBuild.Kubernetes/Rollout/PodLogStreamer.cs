using System.Collections.Concurrent;
using k8s;

namespace ContainerCloudBuild.Kubernetes.Rollout;

/// <summary>
/// Follows the logs of the rollout's new containers into the output while the rollout runs, one stream per pod and
/// container, each line prefixed with <c>[pod/container]</c> and masked. Stops all streams when disposed.
/// </summary>
public sealed class PodLogStreamer(IKubernetes client, string ns, Action<string> output, Func<string, string> redact) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Task> _streams = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Starts following <paramref name="container"/> of <paramref name="pod"/> unless it is already followed.</summary>
    public void Follow(string pod, string container)
    {
        var key = $"{pod}/{container}";
        _streams.GetOrAdd(key, _ => Task.Run(() => StreamAsync(pod, container, key, _stop.Token)));
    }

    private async Task StreamAsync(string pod, string container, string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.CoreV1.ReadNamespacedPodLogWithHttpMessagesAsync(
                pod, ns, container: container, follow: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(response.Body);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                output(redact($"[{key}] {line}"));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or IOException)
        {
            output(redact($"[{key}] (log stream ended: {e.Message})"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_streams.Values).ConfigureAwait(false);
        _stop.Dispose();
    }
}
