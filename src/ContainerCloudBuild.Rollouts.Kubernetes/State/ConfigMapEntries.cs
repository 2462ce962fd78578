using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.Kubernetes.State;

/// <summary>
/// Reads and changes keys of one ConfigMap with optimistic concurrency: a change is written with the resourceVersion it
/// was computed from and computed again on a 409, so two processes never overwrite each other's change.
/// </summary>
internal sealed class ConfigMapEntries(IKubernetes client, string ns, string name, IReadOnlyDictionary<string, string> labels)
{
    private const int Attempts = 10;

    public async Task<string?> ReadAsync(string key, CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken).ConfigureAwait(false))?.Data?.TryGetValue(key, out var value) == true ? value : null;

    /// <summary>Replaces the value of <paramref name="key"/> with what <paramref name="change"/> makes of the current one (null removes it); returns the current one.</summary>
    public async Task<string?> UpdateAsync(string key, Func<string?, string?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(cancellationToken).ConfigureAwait(false);
            var before = current?.Data?.TryGetValue(key, out var value) == true ? value : null;
            var after = change(before);
            if (after == before)
                return before;
            try
            {
                if (current is null)
                {
                    var created = new V1ConfigMap
                    {
                        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string>(labels) },
                        Data = after is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [key] = after },
                    };
                    await client.CoreV1.CreateNamespacedConfigMapAsync(created, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    current.Data ??= new Dictionary<string, string>();
                    if (after is null)
                        current.Data.Remove(key);
                    else
                        current.Data[key] = after;
                    await client.CoreV1.ReplaceNamespacedConfigMapAsync(current, name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                return before;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // Someone changed it since it was read: compute the change again from what is there now.
            }
        }
    }

    private async Task<V1ConfigMap?> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
