using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>
/// A folder of rendered manifests (what <c>Render --output</c> writes, or <c>kubectl apply -f dir</c> reads): every
/// <c>*.yaml</c>/<c>*.yml</c> file in name order, each document in file order, grouped into services by
/// <c>app.kubernetes.io/instance</c> (else the object's own name), services in order of first appearance.
/// </summary>
public static class ManifestFolder
{
    public static async Task<IReadOnlyList<ServiceManifests>> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The manifest folder '{folder}' does not exist.");
        var files = Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var services = new Dictionary<string, List<ManifestObject>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            foreach (var body in ManifestYaml.ReadObjects(text, file))
            {
                var item = new ManifestObject($"{Path.GetFileName(file)}: {body["kind"]}/{body["metadata"]?["name"]}", body);
                var service = Label(body, ApplySetRecord.InstanceLabel) ?? item.Name;
                if (!services.TryGetValue(service, out var objects))
                {
                    services[service] = objects = [];
                    order.Add(service);
                }
                objects.Add(item);
            }
        }
        return [.. order.Select(s => new ServiceManifests(s, services[s]))];
    }

    private static string? Label(JsonObject body, string key) =>
        body["metadata"]?["labels"]?[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
