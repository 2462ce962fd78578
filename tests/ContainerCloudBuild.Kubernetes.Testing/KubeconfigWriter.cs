namespace ContainerCloudBuild.Kubernetes.Testing;

/// <summary>A kubeconfig pointing at the fake (plain http on loopback; the token is a placeholder KubernetesClient insists on, the fake ignores it).</summary>
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
          user:
            token: fake-token
        contexts:
        - name: {context}
          context:
            cluster: {context}
            user: {context}
            namespace: {@namespace}
        current-context: {context}

        """;
}
