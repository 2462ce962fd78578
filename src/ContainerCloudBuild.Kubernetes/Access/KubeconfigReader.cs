using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;
using k8s.KubeConfigModels;

namespace ContainerCloudBuild.Kubernetes.Access;

/// <summary>
/// Reads a kubeconfig file into KubernetesClient's configuration objects without its reflection-based YAML deserializer
/// (which costs most of a short command's start-up and does not survive trimming): the file is read by
/// <see cref="ManifestYaml"/> and each field kubectl documents is copied across by name. Extensions are not read.
/// </summary>
public static class KubeconfigReader
{
    public static K8SConfiguration Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var root = ManifestYaml.ReadObjects(File.ReadAllText(path), path) switch
        {
            [var single] => single,
            [] => new JsonObject(),
            _ => throw new InvalidDataException($"{path}: a kubeconfig is one YAML document."),
        };
        return new K8SConfiguration
        {
            ApiVersion = Text(root, "apiVersion"),
            Kind = Text(root, "kind"),
            CurrentContext = Text(root, "current-context"),
            Preferences = new Dictionary<string, object>(),
            Clusters = [.. Items(root, "clusters").Select(item => new Cluster { Name = Text(item, "name"), ClusterEndpoint = Endpoint(Map(item, "cluster")) })],
            Users = [.. Items(root, "users").Select(item => new User { Name = Text(item, "name"), UserCredentials = Credentials(Map(item, "user")) })],
            Contexts = [.. Items(root, "contexts").Select(item => new Context { Name = Text(item, "name"), ContextDetails = Details(Map(item, "context")) })],
            FileName = path,
        };
    }

    private static ClusterEndpoint? Endpoint(JsonObject? map) => map is null ? null : new ClusterEndpoint
    {
        Server = Text(map, "server"),
        CertificateAuthority = Text(map, "certificate-authority"),
        CertificateAuthorityData = Text(map, "certificate-authority-data"),
        TlsServerName = Text(map, "tls-server-name"),
        SkipTlsVerify = map["insecure-skip-tls-verify"] is JsonValue skip && skip.TryGetValue<bool>(out var yes) && yes,
    };

    private static ContextDetails? Details(JsonObject? map) => map is null ? null : new ContextDetails
    {
        Cluster = Text(map, "cluster"),
        User = Text(map, "user"),
        Namespace = Text(map, "namespace"),
    };

    private static UserCredentials? Credentials(JsonObject? map) => map is null ? null : new UserCredentials
    {
        ClientCertificateData = Text(map, "client-certificate-data"),
        ClientCertificate = Text(map, "client-certificate"),
        ClientKeyData = Text(map, "client-key-data"),
        ClientKey = Text(map, "client-key"),
        Token = Text(map, "token"),
        Impersonate = Text(map, "as"),
        ImpersonateGroups = [.. Strings(map["as-groups"])],
        ImpersonateUserExtra = Map(map, "as-user-extra") is { } extra ? extra.ToDictionary(p => p.Key, p => Scalar(p.Value) ?? "") : [],
        UserName = Text(map, "username"),
        Password = Text(map, "password"),
        AuthProvider = Map(map, "auth-provider") is { } provider ? new AuthProvider
        {
            Name = Text(provider, "name"),
            Config = Map(provider, "config") is { } config ? config.ToDictionary(p => p.Key, p => Scalar(p.Value) ?? "") : [],
        } : null,
        ExternalExecution = Map(map, "exec") is { } exec ? new ExternalExecution
        {
            ApiVersion = Text(exec, "apiVersion"),
            Command = Text(exec, "command"),
            Arguments = [.. Strings(exec["args"])],
            EnvironmentVariables = [.. Items(exec, "env").Select(e => e.ToDictionary(p => p.Key, p => Scalar(p.Value) ?? ""))],
            InstallHint = Text(exec, "installHint"),
            ProvideClusterInfo = exec["provideClusterInfo"] is JsonValue provide && provide.TryGetValue<bool>(out var given) && given,
        } : null,
    };

    private static IEnumerable<JsonObject> Items(JsonObject map, string key) => (map[key] as JsonArray ?? []).OfType<JsonObject>();

    private static JsonObject? Map(JsonObject map, string key) => map[key] as JsonObject;

    private static IEnumerable<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(Scalar).OfType<string>();

    private static string Text(JsonObject map, string key) => Scalar(map[key])!;

    /// <summary>A scalar as the text kubectl would see (numbers and booleans as written); null when absent.</summary>
    private static string? Scalar(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };
}
