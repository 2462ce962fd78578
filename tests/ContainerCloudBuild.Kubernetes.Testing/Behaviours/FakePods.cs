using ContainerCloudBuild.Kubernetes.Testing.Store;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Behaviours;

/// <summary>The simulated pods: typed reads and their log lines.</summary>
public sealed class FakePods(KubeObjectStore store, PodLogs logs)
{
    public IReadOnlyList<V1Pod> List(string @namespace) => store.List<V1Pod>(@namespace);

    public IReadOnlyList<string> Logs(string @namespace, string pod) => logs.Read(@namespace, pod);

    public void AppendLog(string @namespace, string pod, params string[] lines) => logs.Append(@namespace, pod, lines);
}
