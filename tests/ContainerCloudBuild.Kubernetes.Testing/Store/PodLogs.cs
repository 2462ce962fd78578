using System.Collections.Concurrent;

namespace ContainerCloudBuild.Kubernetes.Testing.Store;

/// <summary>The log lines of each pod (what the `log` subresource serves), appended by behaviours or tests.</summary>
public sealed class PodLogs
{
    private readonly ConcurrentDictionary<(string Namespace, string Pod), List<string>> lines = new();

    public void Append(string ns, string pod, IEnumerable<string> newLines)
    {
        var list = lines.GetOrAdd((ns, pod), _ => []);
        lock (list) list.AddRange(newLines);
    }

    public IReadOnlyList<string> Read(string ns, string pod)
    {
        if (!lines.TryGetValue((ns, pod), out var list)) return [];
        lock (list) return list.ToList();
    }

    public void Forget(string ns, string pod) => lines.TryRemove((ns, pod), out _);
}
