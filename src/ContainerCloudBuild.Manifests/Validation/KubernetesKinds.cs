using System.Collections.Frozen;
using k8s.Models;

namespace ContainerCloudBuild.Manifests.Validation;

/// <summary>Maps <c>apiVersion</c> + <c>kind</c> to KubernetesClient's typed model, plus the OpenShift Route and the Gateway API HTTPRoute (<c>Models/</c>).</summary>
internal static class KubernetesKinds
{
    private static readonly FrozenDictionary<string, Type> Types = typeof(V1Pod).Assembly.GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttributes(typeof(KubernetesEntityAttribute), false).OfType<KubernetesEntityAttribute>().FirstOrDefault()))
        .Where(p => p.Entity is not null && !p.Type.Name.EndsWith("List", StringComparison.Ordinal))
        .GroupBy(p => Key(p.Entity!.Group is { Length: > 0 } g ? $"{g}/{p.Entity.ApiVersion}" : p.Entity.ApiVersion, p.Entity.Kind))
        .Select(g => KeyValuePair.Create(g.Key, g.First().Type))
        .Append(KeyValuePair.Create(Key($"{Models.V1Route.KubeGroup}/{Models.V1Route.KubeApiVersion}", Models.V1Route.KubeKind), typeof(Models.V1Route)))
        .Append(KeyValuePair.Create(Key($"{Models.V1HttpRoute.KubeGroup}/{Models.V1HttpRoute.KubeApiVersion}", Models.V1HttpRoute.KubeKind), typeof(Models.V1HttpRoute)))
        .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The type map for <c>KubernetesYaml.LoadAllFromString</c>: "apiVersion/kind" to model.</summary>
    public static IDictionary<string, Type> TypeMap { get; } = Types.ToDictionary(StringComparer.Ordinal);

    public static Type? Find(string apiVersion, string kind) => Types.GetValueOrDefault(Key(apiVersion, kind));

    private static string Key(string apiVersion, string kind) => $"{apiVersion}/{kind}";
}
