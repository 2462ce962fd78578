using System.Text.Json;
using ContainerCloudBuild.Files;
using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;

namespace ContainerCloudBuild.Deploy;

/// <summary>A service this Docker host routes: its name, router frontend port and folder.</summary>
public sealed record RegisteredService(string Name, int RouterPort, string Folder);

/// <summary>
/// The services a Docker host has deployed (<c>services.json</c> beside the rollout state): the stack renders a
/// HAProxy frontend for each, and the stack start reconciles each one's routing from its saved state.
/// </summary>
public sealed class ServiceRegistry(string directory)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string FilePath => Path.Combine(directory, "services.json");

    public async Task<IReadOnlyList<RegisteredService>> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
            return [];
        await using var stream = File.OpenRead(FilePath);
        return await JsonSerializer.DeserializeAsync<List<RegisteredService>>(stream, Json, cancellationToken).ConfigureAwait(false) ?? [];
    }

    /// <summary>Adds or updates the services; a router port used by another service is an error naming both.</summary>
    public async Task<IReadOnlyList<RegisteredService>> RegisterAsync(IEnumerable<RegisteredService> services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        Directory.CreateDirectory(directory);
        await using var exclusive = await LockAsync(cancellationToken).ConfigureAwait(false);
        var all = (await LoadAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var service in services)
        {
            if (all.Values.FirstOrDefault(s => s.RouterPort == service.RouterPort && s.Name != service.Name) is { } other)
                throw new InvalidOperationException(
                    $"Router port {service.RouterPort} of '{service.Name}' ({service.Folder}) is already the frontend of '{other.Name}' ({other.Folder}); give rollout.routerPort another value.");
            all[service.Name] = service;
        }
        var list = all.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        await AtomicFile.WriteAllTextAsync(FilePath, JsonSerializer.Serialize(list, Json), cancellationToken).ConfigureAwait(false);
        return list;
    }

    /// <summary>Serialises registrations of concurrent deploys (threads and processes): an exclusive open of <c>services.lock</c>.</summary>
    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, "services.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 500)
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static IEnumerable<HaproxyApp> Frontends(IEnumerable<RegisteredService> services) =>
        services.Where(s => s.RouterPort > 0).Select(s => new HaproxyApp(s.Name, s.RouterPort));
}
