using System.Threading.Channels;
using ContainerCloudBuild.Kubernetes.Rollout;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.Kubernetes.State;

/// <summary>
/// Commands of a waiting rollout as they are posted: a list-then-watch of the commands ConfigMap (two requests, however long
/// the wait) that signals whenever the ConfigMap holds commands, instead of a read of it every poll interval.
/// </summary>
internal sealed class CommandsConfigMapWatch : ICommandArrivals
{
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private readonly Task _reader;
    private TaskCompletionSource _arrived = NewSignal();

    public CommandsConfigMapWatch(IKubernetes client, string ns, string name, string key, TimeProvider time)
    {
        _time = time;
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var selector = $"metadata.name={name}";
        _pump = new WatchPump<V1ConfigMap, V1ConfigMapList>(
            ct => client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: selector, cancellationToken: ct),
            (version, onError, ct) => client.CoreV1.WatchListNamespacedConfigMapAsync(
                ns, allowWatchBookmarks: true, fieldSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct),
            channel.Writer).RunAsync(_stop.Token);
        _reader = SignalAsync(channel.Reader, key, _stop.Token);
    }

    public async Task<bool> WaitAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var arrived = Volatile.Read(ref _arrived);
        if (!arrived.Task.IsCompleted)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var first = await Task.WhenAny(arrived.Task, Task.Delay(maxWait, _time, wait.Token)).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (first != arrived.Task)
                return false;
        }
        // Commands posted from here on signal the next wait; those posted before are read by the caller after this returns.
        Interlocked.CompareExchange(ref _arrived, NewSignal(), arrived);
        return true;
    }

    private async Task SignalAsync(ChannelReader<object> updates, string key, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in updates.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                if (update is WatchUpdate { Type: WatchEventType.Added or WatchEventType.Modified, Object: V1ConfigMap map }
                    && map.Data?.TryGetValue(key, out var commands) == true && commands.Length > 0)
                    Volatile.Read(ref _arrived).TrySetResult();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_pump, _reader).ConfigureAwait(false);
        _stop.Dispose();
    }
}
