using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Api;
using k8s;

namespace ContainerCloudBuild.Kubernetes.Testing.Store;

/// <summary>
/// The in-memory store: objects per resource/namespace/name, one resourceVersion counter, and a bounded
/// history of changes that watches resume from. Every method copies objects in and out.
/// </summary>
public sealed class KubeObjectStore(ResourceCatalog catalog, int historyLimit)
{
    private readonly object gate = new();
    private readonly Dictionary<(ResourceType Type, string Namespace, string Name), JsonObject> objects = [];
    private readonly LinkedList<StoredChange> history = new();
    private readonly List<Action<StoredChange>> listeners = [];
    private long resourceVersion = 1;
    private long compactedThrough = 1;

    public ResourceCatalog Catalog => catalog;

    public long CurrentResourceVersion { get { lock (gate) return resourceVersion; } }

    /// <summary>Runs <paramref name="action"/> with the store locked, so a read-modify-write is atomic.</summary>
    public T Atomically<T>(Func<T> action)
    {
        lock (gate) return action();
    }

    public JsonObject? Get(ResourceType type, string? ns, string name)
    {
        lock (gate) return objects.TryGetValue((type, ns ?? "", name), out var o) ? o.Clone() : null;
    }

    public IReadOnlyList<JsonObject> List(ResourceType type, string? ns = null)
    {
        lock (gate)
            return objects.Where(p => p.Key.Type == type && (ns is null || p.Key.Namespace == ns))
                .OrderBy(p => p.Key.Namespace, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(p => p.Value.Clone()).ToList();
    }

    public T? Get<T>(string? ns, string name) where T : class =>
        Get(TypeOf<T>(), ns, name) is { } json ? KubernetesJson.Deserialize<T>(json.ToJsonString()) : null;

    public IReadOnlyList<T> List<T>(string? ns = null) =>
        List(TypeOf<T>(), ns).Select(o => KubernetesJson.Deserialize<T>(o.ToJsonString())).ToList();

    public JsonObject Create(ResourceType type, JsonObject obj)
    {
        lock (gate)
        {
            var key = (type, obj.Namespace() ?? "", obj.Name());
            if (objects.ContainsKey(key)) throw KubeApiException.AlreadyExists(type, obj.Name());
            return Write(key, obj, ChangeType.Added);
        }
    }

    /// <summary>Replaces an object; a non-empty <paramref name="expectedResourceVersion"/> must match (optimistic concurrency).</summary>
    public JsonObject Update(ResourceType type, JsonObject obj, string? expectedResourceVersion)
    {
        lock (gate)
        {
            var key = (type, obj.Namespace() ?? "", obj.Name());
            if (!objects.TryGetValue(key, out var current)) throw KubeApiException.NotFound(type, obj.Name());
            if (!string.IsNullOrEmpty(expectedResourceVersion) && expectedResourceVersion != current.ResourceVersion())
                throw KubeApiException.Conflict(type, obj.Name());
            return Write(key, obj, ChangeType.Modified);
        }
    }

    public JsonObject Delete(ResourceType type, string? ns, string name)
    {
        lock (gate)
        {
            var key = (type, ns ?? "", name);
            if (!objects.Remove(key, out var removed)) throw KubeApiException.NotFound(type, name);
            removed.Metadata()["resourceVersion"] = (++resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Record(new StoredChange(resourceVersion, ChangeType.Deleted, type, removed.Clone()));
            return removed.Clone();
        }
    }

    /// <summary>Every stored object (any type) whose ownerReferences name <paramref name="ownerUid"/>.</summary>
    public IReadOnlyList<(ResourceType Type, JsonObject Object)> OwnedBy(string ownerUid)
    {
        lock (gate)
            return objects.Where(p => p.Value.OwnerUids().Contains(ownerUid))
                .Select(p => (p.Key.Type, p.Value.Clone())).ToList();
    }

    public IReadOnlyList<(ResourceType Type, JsonObject Object)> InNamespace(string ns)
    {
        lock (gate) return objects.Where(p => p.Key.Namespace == ns).Select(p => (p.Key.Type, p.Value.Clone())).ToList();
    }

    /// <summary>Subscribes to changes; returns the changes after <paramref name="fromResourceVersion"/> (or the current objects as ADDED when null).</summary>
    public IReadOnlyList<StoredChange> Subscribe(ResourceType type, long? fromResourceVersion, Action<StoredChange> listener)
    {
        lock (gate)
        {
            List<StoredChange> initial;
            if (fromResourceVersion is null)
                initial = objects.Where(p => p.Key.Type == type)
                    .Select(p => new StoredChange(long.Parse(p.Value.ResourceVersion()!, System.Globalization.CultureInfo.InvariantCulture), ChangeType.Added, type, p.Value.Clone()))
                    .OrderBy(c => c.ResourceVersion).ToList();
            else if (fromResourceVersion < compactedThrough)
                throw KubeApiException.Expired($"too old resource version: {fromResourceVersion} ({compactedThrough})");
            else
                initial = history.Where(c => c.Resource == type && c.ResourceVersion > fromResourceVersion).ToList();
            listeners.Add(listener);
            return initial;
        }
    }

    public void Unsubscribe(Action<StoredChange> listener)
    {
        lock (gate) listeners.Remove(listener);
    }

    /// <summary>Forgets the change history, so a watch from any older resourceVersion gets 410 Gone.</summary>
    public void CompactHistory()
    {
        lock (gate)
        {
            history.Clear();
            compactedThrough = resourceVersion;
        }
    }

    private JsonObject Write((ResourceType Type, string Namespace, string Name) key, JsonObject obj, ChangeType change)
    {
        var stored = obj.Clone();
        stored.Metadata()["resourceVersion"] = (++resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
        objects[key] = stored;
        Record(new StoredChange(resourceVersion, change, key.Type, stored.Clone()));
        return stored.Clone();
    }

    private void Record(StoredChange change)
    {
        history.AddLast(change);
        while (history.Count > historyLimit)
        {
            compactedThrough = history.First!.Value.ResourceVersion;
            history.RemoveFirst();
        }
        foreach (var listener in listeners.ToList()) listener(change);
    }

    private ResourceType TypeOf<T>() =>
        catalog.All.FirstOrDefault(t => t.Model == typeof(T))
        ?? throw new ArgumentException($"{typeof(T).Name} is not a resource the fake API server serves.", nameof(T));
}
