using k8s.Models;

namespace ContainerCloudBuild.Manifests.Validation;

/// <summary>
/// Checks that catch real outages inside and between workloads: selector vs pod labels, Service
/// target ports, probe ports, resource requests vs limits.
/// </summary>
internal static class WorkloadChecks
{
    public static void Run(IReadOnlyList<RenderedDocument> documents, List<ManifestDiagnostic> diagnostics)
    {
        var deployments = documents.Where(d => d.Model is V1Deployment).ToList();
        foreach (var document in deployments)
        {
            var deployment = (V1Deployment)document.Model;
            CheckSelector(document, deployment, diagnostics);
            foreach (var container in Containers(deployment))
            {
                CheckProbes(document, container, diagnostics);
                CheckResources(document, container, diagnostics);
            }
        }
        foreach (var document in documents.Where(d => d.Model is V1Service))
            CheckService(document, (V1Service)document.Model, deployments, diagnostics);
    }

    internal static IEnumerable<V1Container> Containers(V1Deployment deployment) =>
        (deployment.Spec?.Template?.Spec?.InitContainers ?? []).Concat(deployment.Spec?.Template?.Spec?.Containers ?? []);

    private static void CheckSelector(RenderedDocument document, V1Deployment deployment, List<ManifestDiagnostic> diagnostics)
    {
        var selector = deployment.Spec?.Selector?.MatchLabels ?? new Dictionary<string, string>();
        var labels = deployment.Spec?.Template?.Metadata?.Labels ?? new Dictionary<string, string>();
        if (selector.Count == 0)
        {
            diagnostics.Add(Error(document, DiagnosticCodes.SelectorMismatch,
                $"{document.DisplayName}: spec.selector.matchLabels is empty. Select the pods by their app labels."));
        }
        foreach (var (key, value) in selector.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (labels.TryGetValue(key, out var actual) && actual == value)
                continue;
            diagnostics.Add(Error(document, DiagnosticCodes.SelectorMismatch,
                $"{document.DisplayName}: spec.selector.matchLabels {key}={value} does not match the pod template label ({(actual is null ? "missing" : $"{key}={actual}")}). The Deployment would select no pods; make them equal."));
        }
    }

    private static void CheckProbes(RenderedDocument document, V1Container container, List<ManifestDiagnostic> diagnostics)
    {
        foreach (var (kind, probe) in new[] { ("livenessProbe", container.LivenessProbe), ("readinessProbe", container.ReadinessProbe), ("startupProbe", container.StartupProbe) })
        {
            if (probe is null) continue;
            var port = probe.HttpGet?.Port?.Value ?? probe.TcpSocket?.Port?.Value ?? probe.Grpc?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (port is null || HasPort(container, port)) continue;
            diagnostics.Add(Error(document, DiagnosticCodes.ProbePort,
                $"{document.DisplayName}: container '{container.Name}' {kind} port '{port}' is not a port of the container (ports: {DescribePorts(container)}). Probe a declared containerPort by name or number."));
        }
    }

    private static void CheckResources(RenderedDocument document, V1Container container, List<ManifestDiagnostic> diagnostics)
    {
        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        if (requests is null || limits is null) return;
        foreach (var (resource, request) in requests.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!limits.TryGetValue(resource, out var limit) || request.ToDecimal() <= limit.ToDecimal()) continue;
            diagnostics.Add(Error(document, DiagnosticCodes.RequestsExceedLimits,
                $"{document.DisplayName}: container '{container.Name}' requests.{resource} ({request}) exceeds limits.{resource} ({limit}). Lower the request or raise the limit."));
        }
    }

    private static void CheckService(RenderedDocument document, V1Service service, List<RenderedDocument> deployments, List<ManifestDiagnostic> diagnostics)
    {
        var selector = service.Spec?.Selector;
        if (selector is null || selector.Count == 0) return;
        var targets = deployments.Where(d => Selects(selector, ((V1Deployment)d.Model).Spec?.Template?.Metadata?.Labels)).ToList();
        if (targets.Count == 0)
        {
            diagnostics.Add(Error(document, DiagnosticCodes.ServiceTargetPort,
                $"{document.DisplayName}: selector {string.Join(",", selector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))} matches the pods of no rendered Deployment. Use the Deployment's pod labels."));
            return;
        }
        foreach (var port in service.Spec?.Ports ?? [])
        {
            var target = port.TargetPort?.Value ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var workload in targets)
            {
                var containers = Containers((V1Deployment)workload.Model).ToList();
                if (containers.Any(c => HasPort(c, target))) continue;
                diagnostics.Add(Error(document, DiagnosticCodes.ServiceTargetPort,
                    $"{document.DisplayName}: port '{port.Name ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}' targetPort '{target}' is not a container port of {workload.DisplayName} (ports: {string.Join("; ", containers.Select(DescribePorts))}). Fix targetPort or the container's ports."));
            }
        }
    }

    private static bool Selects(IDictionary<string, string> selector, IDictionary<string, string>? labels) =>
        labels is not null && selector.All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value);

    private static bool HasPort(V1Container container, string port) =>
        (container.Ports ?? []).Any(p => p.Name == port || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == port);

    private static string DescribePorts(V1Container container) =>
        container.Ports is not { Count: > 0 } ports ? "none" :
        string.Join(", ", ports.Select(p => p.Name is null ? p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{p.Name}={p.ContainerPort}"));

    private static ManifestDiagnostic Error(RenderedDocument document, string code, string message) =>
        ManifestDiagnostic.Error(code, message, document.Template);
}
