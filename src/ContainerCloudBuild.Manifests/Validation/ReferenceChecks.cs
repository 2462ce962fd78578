using k8s.Models;

namespace ContainerCloudBuild.Manifests.Validation;

/// <summary>Names of resources that exist outside this render (declared under <c>external</c> in values).</summary>
public sealed record ExternalResources(IReadOnlySet<string> ConfigMaps, IReadOnlySet<string> Secrets, IReadOnlySet<string> PersistentVolumeClaims)
{
    public static ExternalResources None { get; } = new(new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
}

/// <summary>Every ConfigMap, Secret and PVC a workload or ingress references must be rendered or declared external.</summary>
internal static class ReferenceChecks
{
    public static void Run(IReadOnlyList<RenderedDocument> documents, ExternalResources external, List<ManifestDiagnostic> diagnostics)
    {
        var rendered = documents.Select(d => (d.Kind, d.Name)).ToHashSet();
        foreach (var document in documents)
        {
            foreach (var (kind, name, field) in References(document.Model))
            {
                var declared = kind switch
                {
                    "ConfigMap" => external.ConfigMaps,
                    "Secret" => external.Secrets,
                    _ => external.PersistentVolumeClaims,
                };
                if (rendered.Contains((kind, name)) || declared.Contains(name)) continue;
                var key = kind switch { "ConfigMap" => "configMaps", "Secret" => "secrets", _ => "persistentVolumeClaims" };
                diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.MissingReference,
                    $"{document.DisplayName} references {kind} '{name}' ({field}), which is neither rendered nor declared external. Render it or add it to external.{key}.",
                    document.Template));
            }
        }
    }

    private static IEnumerable<(string Kind, string Name, string Field)> References(object model) => model switch
    {
        V1Deployment d when d.Spec?.Template?.Spec is { } pod => PodReferences(pod, "spec.template.spec"),
        V1Ingress i => (i.Spec?.Tls ?? []).Select((t, n) => ("Secret", t.SecretName, $"spec.tls[{n}].secretName")).Where(r => r.SecretName is not null),
        _ => [],
    };

    private static IEnumerable<(string, string, string)> PodReferences(V1PodSpec pod, string path)
    {
        var n = 0;
        foreach (var secret in pod.ImagePullSecrets ?? [])
            yield return ("Secret", secret.Name, $"{path}.imagePullSecrets[{n++}]");
        n = 0;
        foreach (var volume in pod.Volumes ?? [])
        {
            var at = $"{path}.volumes[{n++}]";
            if (volume.ConfigMap is { Optional: not true } cm) yield return ("ConfigMap", cm.Name, at + ".configMap");
            if (volume.Secret is { Optional: not true } s) yield return ("Secret", s.SecretName, at + ".secret");
            if (volume.PersistentVolumeClaim is { } pvc) yield return ("PersistentVolumeClaim", pvc.ClaimName, at + ".persistentVolumeClaim");
        }
        var containers = (pod.InitContainers ?? []).Select(c => (c, "initContainers")).Concat((pod.Containers ?? []).Select(c => (c, "containers")));
        foreach (var group in containers.GroupBy(p => p.Item2))
        {
            var i = 0;
            foreach (var (container, list) in group)
            {
                var at = $"{path}.{list}[{i++}]";
                var e = 0;
                foreach (var env in container.Env ?? [])
                {
                    var envAt = $"{at}.env[{e++}].valueFrom";
                    if (env.ValueFrom?.ConfigMapKeyRef is { Optional: not true } cm) yield return ("ConfigMap", cm.Name, envAt + ".configMapKeyRef");
                    if (env.ValueFrom?.SecretKeyRef is { Optional: not true } s) yield return ("Secret", s.Name, envAt + ".secretKeyRef");
                }
                e = 0;
                foreach (var from in container.EnvFrom ?? [])
                {
                    var fromAt = $"{at}.envFrom[{e++}]";
                    if (from.ConfigMapRef is { Optional: not true } cm) yield return ("ConfigMap", cm.Name, fromAt + ".configMapRef");
                    if (from.SecretRef is { Optional: not true } s) yield return ("Secret", s.Name, fromAt + ".secretRef");
                }
            }
        }
    }
}
