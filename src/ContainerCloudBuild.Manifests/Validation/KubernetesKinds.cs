using System.Collections.Frozen;
using k8s.Models;

namespace ContainerCloudBuild.Manifests.Validation;

/// <summary>Maps <c>apiVersion</c> + <c>kind</c> to KubernetesClient's typed model.</summary>
internal static class KubernetesKinds
{
    private static readonly FrozenDictionary<string, Type> Types = typeof(V1Pod).Assembly.GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttributes(typeof(KubernetesEntityAttribute), false).OfType<KubernetesEntityAttribute>().FirstOrDefault()))
        .Where(p => p.Entity is not null && !p.Type.Name.EndsWith("List", StringComparison.Ordinal))
        .GroupBy(p => Key(p.Entity!.Group is { Length: > 0 } g ? $"{g}/{p.Entity.ApiVersion}" : p.Entity.ApiVersion, p.Entity.Kind))
        .ToFrozenDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);

    public static Type? Find(string apiVersion, string kind) => Types.GetValueOrDefault(Key(apiVersion, kind));

    private static string Key(string apiVersion, string kind) => $"{apiVersion}/{kind}";
}
