using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>
/// A folder of rendered manifests (what <c>Render --output</c> writes, or <c>kubectl apply -f dir</c> reads): every
/// <c>*.yaml</c>/<c>*.yml</c> file in name order, each document in file order, grouped into services by
/// <c>app.kubernetes.io/instance</c> (else the object's own name), services in order of first appearance. Files are
/// read and parsed on all cores; the result and the error reported (the first failing file in name order) do not
/// depend on which file finished first.
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
        var parsed = await ParseAllAsync(files, cancellationToken).ConfigureAwait(false);
        var services = new Dictionary<string, List<ManifestObject>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            foreach (var body in parsed[i])
            {
                var item = new ManifestObject($"{Path.GetFileName(files[i])}: {body["kind"]}/{body["metadata"]?["name"]}", body);
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

    /// <summary>Each file's objects at the file's index; the first failure in file order is thrown after all have run.</summary>
    private static async Task<IReadOnlyList<JsonObject>[]> ParseAllAsync(List<string> files, CancellationToken cancellationToken)
    {
        var parsed = new IReadOnlyList<JsonObject>[files.Count];
        var failures = new ExceptionDispatchInfo?[files.Count];
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), options, (i, _) =>
        {
            try
            {
                parsed[i] = ManifestYaml.ReadObjects(File.ReadAllText(files[i]), files[i]);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                failures[i] = ExceptionDispatchInfo.Capture(e);
            }
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        Array.Find(failures, f => f is not null)?.Throw();
        return parsed;
    }

    private static string? Label(JsonObject body, string key) =>
        body["metadata"]?["labels"]?[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
