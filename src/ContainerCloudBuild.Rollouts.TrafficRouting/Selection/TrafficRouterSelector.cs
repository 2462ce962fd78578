using ContainerCloudBuild.Manifests;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.Selection;

/// <summary>A rendered object that can carry traffic: its apiVersion, kind, name and (Ingress) class.</summary>
public sealed record RoutableObject(string ApiVersion, string Kind, string Name, string? IngressClass = null)
{
    public static RoutableObject From(RenderedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(document.ApiVersion, document.Kind, document.Name, (document.Model as V1Ingress)?.Spec?.IngressClassName);
    }
}

/// <summary>The router chosen and why (printed with the rollout).</summary>
public sealed record TrafficRouterChoice(TrafficRouterKind Kind, string? ObjectName, string Reason);

/// <summary>
/// Chooses the router: <c>rollout.trafficRouter</c> when set (<c>nginx|gateway|openshift|replicas</c>), else from what the render
/// has: a Route → openshift, an HTTPRoute → gateway, an Ingress of class nginx → nginx, nothing of these → replicas.
/// </summary>
public static class TrafficRouterSelector
{
    public static TrafficRouterChoice Choose(string? configured, IReadOnlyList<RoutableObject> rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var route = rendered.FirstOrDefault(o => o is { ApiVersion: "route.openshift.io/v1", Kind: "Route" });
        var httpRoute = rendered.FirstOrDefault(o => o is { Kind: "HTTPRoute" } && o.ApiVersion.StartsWith("gateway.networking.k8s.io/", StringComparison.Ordinal));
        var ingress = rendered.FirstOrDefault(o => o is { ApiVersion: "networking.k8s.io/v1", Kind: "Ingress" });
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var kind = Parse(configured);
            var name = kind switch
            {
                TrafficRouterKind.OpenShift => route?.Name,
                TrafficRouterKind.Gateway => httpRoute?.Name,
                TrafficRouterKind.Nginx => ingress?.Name,
                _ => null,
            };
            return new TrafficRouterChoice(kind, name, $"rollout.trafficRouter: {configured.Trim()}");
        }
        if (route is not null)
            return new TrafficRouterChoice(TrafficRouterKind.OpenShift, route.Name, $"the render has Route/{route.Name}");
        if (httpRoute is not null)
            return new TrafficRouterChoice(TrafficRouterKind.Gateway, httpRoute.Name, $"the render has HTTPRoute/{httpRoute.Name}");
        if (ingress is { IngressClass: "nginx" })
            return new TrafficRouterChoice(TrafficRouterKind.Nginx, ingress.Name, $"the render has Ingress/{ingress.Name} of class nginx");
        var why = ingress is null
            ? "the render has no Route, HTTPRoute or Ingress"
            : $"Ingress/{ingress.Name} is of class '{ingress.IngressClass}', not nginx";
        return new TrafficRouterChoice(TrafficRouterKind.Replicas, null, why + "; weights follow the ratio of pods");
    }

    /// <summary>The router for a service's render and its <c>rollout.trafficRouter</c> value.</summary>
    public static TrafficRouterChoice Choose(string? configured, IEnumerable<RenderedDocument> documents) =>
        Choose(configured, [.. documents.Select(RoutableObject.From)]);

    public static TrafficRouterKind Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToLowerInvariant() switch
        {
            "nginx" or "ingress-nginx" => TrafficRouterKind.Nginx,
            "gateway" or "gateway-api" => TrafficRouterKind.Gateway,
            "openshift" or "route" => TrafficRouterKind.OpenShift,
            "replicas" or "replica-ratio" => TrafficRouterKind.Replicas,
            _ => throw new ArgumentException($"rollout.trafficRouter '{value}' is not a router: use nginx, gateway, openshift or replicas.", nameof(value)),
        };
    }
}
