namespace ContainerCloudBuild.Kubernetes.Tests.Support;

/// <summary>Kubeconfig texts for resolution tests: one cluster, one user with a token, one or more contexts.</summary>
internal static class Kubeconfigs
{
    public static string With(string cluster, string server, string user, string token, string? current, params (string Name, string? Namespace)[] contexts) =>
        $"""
        apiVersion: v1
        kind: Config
        {(current is null ? "" : $"current-context: {current}")}
        clusters:
        - name: {cluster}
          cluster:
            server: {server}
        users:
        - name: {user}
          user:
            token: {token}
        contexts:
        {string.Join("\n", contexts.Select(c => $"- name: {c.Name}\n  context:\n    cluster: {cluster}\n    user: {user}" + (c.Namespace is null ? "" : $"\n    namespace: {c.Namespace}")))}
        """;
}
