using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Rollout;

/// <summary>One change a watch reported (or an object the initial list returned, as Added).</summary>
public sealed record WatchUpdate(WatchEventType Type, IKubernetesObject<V1ObjectMeta> Object);

/// <summary>
/// List-then-watch of one collection into a channel, as informers do: list for the current objects and a
/// resourceVersion, watch from it (with bookmarks), watch again from the last version seen when the server ends the watch,
/// and list again when the watch fails or the version is too old (410 Gone).
/// </summary>
public sealed class WatchPump<T, TList>(
    Func<CancellationToken, Task<TList>> list,
    Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch,
    ChannelWriter<object> writer)
    where T : IKubernetesObject<V1ObjectMeta>
    where TList : IItems<T>, IMetadata<V1ListMeta>
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? version = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (version is null)
                {
                    var current = await list(cancellationToken).ConfigureAwait(false);
                    foreach (var item in current.Items ?? [])
                        await writer.WriteAsync(new WatchUpdate(WatchEventType.Added, item), cancellationToken).ConfigureAwait(false);
                    version = current.Metadata?.ResourceVersion ?? "";
                }
                Exception? failure = null;
                await foreach (var (type, item) in watch(version, e => failure = e, cancellationToken).ConfigureAwait(false))
                {
                    if (type == WatchEventType.Error)
                    {
                        version = null; // an ERROR event (410 Gone): list again
                        break;
                    }
                    version = item.Metadata?.ResourceVersion ?? version;
                    if (type == WatchEventType.Bookmark)
                        continue;
                    await writer.WriteAsync(new WatchUpdate(type, item), cancellationToken).ConfigureAwait(false);
                }
                if (failure is not null)
                    throw new IOException($"the watch failed: {failure.Message}", failure);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is KubernetesException or HttpOperationException or HttpRequestException or IOException)
            {
                // 410 Gone or a dropped connection: the next round lists again and watches from there.
                version = null;
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
