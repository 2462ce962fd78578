using ContainerCloudBuild.Manifests.Models;
using k8s.Models;

namespace ContainerCloudBuild.Manifests.Validation;

/// <summary>
/// Checks of a render for OpenShift, run like the outage checks: the pod security that the restricted SCC (restricted-v2)
/// admits (no fixed runAsUser/runAsGroup/fsGroup/supplementalGroups: the namespace assigns them; non-root; no privilege
/// escalation; no added capabilities; not privileged) and Routes OpenShift accepts (known TLS termination, a target Service).
/// </summary>
internal static class OpenShiftChecks
{
    private static readonly string[] Terminations = ["edge", "reencrypt", "passthrough"];
    private static readonly string[] InsecurePolicies = ["Redirect", "Allow", "None"];

    public static void Run(IReadOnlyList<RenderedDocument> documents, List<ManifestDiagnostic> diagnostics)
    {
        foreach (var document in documents.Where(d => d.Model is V1Deployment))
            CheckPod(document, (V1Deployment)document.Model, diagnostics);
        foreach (var document in documents.Where(d => d.Model is V1Route))
            CheckRoute(document, (V1Route)document.Model, documents, diagnostics);
    }

    private static void CheckPod(RenderedDocument document, V1Deployment deployment, List<ManifestDiagnostic> diagnostics)
    {
        var pod = deployment.Spec?.Template?.Spec;
        var context = pod?.SecurityContext;
        void Fixed(string field, object? value)
        {
            if (value is not null)
                diagnostics.Add(Error(document, DiagnosticCodes.OpenShiftSecurityContext,
                    $"{document.DisplayName}: securityContext.{field} is fixed to {value}, which OpenShift's restricted SCC rejects unless it falls in the namespace's range. Leave it unset for OpenShift (openshift.enabled: true renders none)."));
        }
        Fixed("runAsUser", context?.RunAsUser);
        Fixed("runAsGroup", context?.RunAsGroup);
        Fixed("fsGroup", context?.FsGroup);
        Fixed("supplementalGroups", context?.SupplementalGroups is { Count: > 0 } groups ? string.Join(",", groups) : null);
        if (context?.RunAsNonRoot == false)
            diagnostics.Add(Error(document, DiagnosticCodes.OpenShiftSecurityContext,
                $"{document.DisplayName}: securityContext.runAsNonRoot is false; the restricted SCC runs pods as a non-root user. Set it to true."));
        foreach (var container in WorkloadChecks.Containers(deployment))
        {
            var own = container.SecurityContext;
            var where = $"{document.DisplayName}: container '{container.Name}' securityContext";
            if (own?.RunAsUser is { } user)
                diagnostics.Add(Error(document, DiagnosticCodes.OpenShiftSecurityContext, $"{where}.runAsUser is fixed to {user}; leave it unset for OpenShift (the namespace assigns it)."));
            if (own?.Privileged == true)
                diagnostics.Add(Error(document, DiagnosticCodes.OpenShiftSecurityContext, $"{where}.privileged is true; the restricted SCC admits no privileged containers."));
            if (own?.AllowPrivilegeEscalation != false)
                diagnostics.Add(Error(document, DiagnosticCodes.OpenShiftSecurityContext, $"{where}.allowPrivilegeEscalation is not false; the restricted SCC requires false."));
            if (own?.Capabilities?.Add is { Count: > 0 } added)
                diagnostics.Add(Error(document, DiagnosticCodes.OpenShiftSecurityContext,
                    $"{where}.capabilities.add lists {string.Join(", ", added)}; the restricted SCC admits none (NET_BIND_SERVICE only with restricted-v2). Drop them."));
        }
    }

    private static void CheckRoute(RenderedDocument document, V1Route route, IReadOnlyList<RenderedDocument> documents, List<ManifestDiagnostic> diagnostics)
    {
        var tls = route.Spec.Tls;
        if (tls is not null)
        {
            if (!Terminations.Contains(tls.Termination, StringComparer.Ordinal))
                diagnostics.Add(Error(document, DiagnosticCodes.OpenShiftRoute,
                    $"{document.DisplayName}: tls.termination '{tls.Termination}' is not one of edge, reencrypt, passthrough. Fix openshift.route.termination (or 'none' for plain http)."));
            if (tls.InsecureEdgeTerminationPolicy is { } policy && !InsecurePolicies.Contains(policy, StringComparer.Ordinal))
                diagnostics.Add(Error(document, DiagnosticCodes.OpenShiftRoute,
                    $"{document.DisplayName}: tls.insecureEdgeTerminationPolicy '{policy}' is not one of Redirect, Allow, None."));
            if (tls.Termination == "passthrough" && tls.InsecureEdgeTerminationPolicy == "Allow")
                diagnostics.Add(Error(document, DiagnosticCodes.OpenShiftRoute,
                    $"{document.DisplayName}: a passthrough Route cannot allow plain http (insecureEdgeTerminationPolicy Allow); use Redirect or None."));
        }
        var target = route.Spec.To?.Name;
        if (target is null || !documents.Any(d => d.Model is V1Service && d.Name == target))
            diagnostics.Add(Error(document, DiagnosticCodes.OpenShiftRoute,
                $"{document.DisplayName}: spec.to names Service '{target}', which the render does not have. Enable the Service (service.enabled: true)."));
    }

    private static ManifestDiagnostic Error(RenderedDocument document, string code, string message) =>
        ManifestDiagnostic.Error(code, message, document.Template);
}
