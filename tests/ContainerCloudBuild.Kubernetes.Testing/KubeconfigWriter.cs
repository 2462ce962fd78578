namespace ContainerCloudBuild.Kubernetes.Testing;

/// <summary>A kubeconfig pointing at the fake (plain http on loopback, no credentials).</summary>
public static class KubeconfigWriter
{
    public static string Render(Uri server, string context, string @namespace) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {context}
          cluster:
            server: {server.ToString().TrimEnd('/')}
        users:
        - name: {context}
          user: {"{}"}
        contexts:
        - name: {context}
          context:
            cluster: {context}
            user: {context}
            namespace: {@namespace}
        current-context: {context}

        """;
}
