using System.Text.Json.Nodes;
using ContainerCloudBuild.Manifests;
using k8s;

namespace ContainerCloudBuild.Deploy.Kubernetes;

/// <summary>
/// A service's render split for blue-green on a cluster: the Deployment becomes the template of every slot, the Service the
/// template of the active and preview Services, a HorizontalPodAutoscaler (it targets the one Deployment the slots replace)
/// is left out, and everything else is applied as is.
/// </summary>
public sealed record BlueGreenDocuments(JsonObject? Deployment, JsonObject? Service, IReadOnlyList<RenderedDocument> Applied, IReadOnlyList<string> LeftOut)
{
    public static BlueGreenDocuments Split(IReadOnlyList<RenderedDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var deployment = documents.FirstOrDefault(d => d.Kind == "Deployment");
        var service = documents.FirstOrDefault(d => d.Kind == "Service");
        var leftOut = documents.Where(d => d.Kind == "HorizontalPodAutoscaler").ToList();
        var applied = documents.Where(d => d != deployment && d != service && !leftOut.Contains(d)).ToList();
        return new BlueGreenDocuments(Json(deployment), Json(service), applied,
            [.. leftOut.Select(d => $"{d.DisplayName}: not applied with blue-green (it scales one Deployment; each revision is its own slot)")]);
    }

    private static JsonObject? Json(RenderedDocument? document) =>
        document is null ? null : JsonNode.Parse(KubernetesJson.Serialize(document.Model))!.AsObject();
}
