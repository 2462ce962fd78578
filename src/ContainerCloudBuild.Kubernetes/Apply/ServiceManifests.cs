using System.Text.Json.Nodes;
using ContainerCloudBuild.Manifests;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>One object to apply as JSON (what the API server receives), and how messages name it.</summary>
public sealed record ManifestObject(string DisplayName, JsonObject Body)
{
    public string ApiVersion => Body["apiVersion"]?.GetValue<string>() ?? "";
    public string Kind => Body["kind"]?.GetValue<string>() ?? "";
    public string Name => Body["metadata"]?["name"]?.GetValue<string>() ?? "";

    /// <summary>A rendered document as sent: its YAML text read straight into JSON (the typed model is not serialized again).</summary>
    public static ManifestObject From(RenderedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new ManifestObject(document.DisplayName, ManifestYaml.ReadObject(document.Yaml, document.DisplayName));
    }
}

/// <summary>A service's objects in apply order: the unit that owns one applyset (<see cref="ApplySetRecord"/>).</summary>
public sealed record ServiceManifests(string Service, IReadOnlyList<ManifestObject> Objects)
{
    public static ServiceManifests From(string service, IEnumerable<RenderedDocument> documents) =>
        new(service, [.. documents.Select(ManifestObject.From)]);
}
