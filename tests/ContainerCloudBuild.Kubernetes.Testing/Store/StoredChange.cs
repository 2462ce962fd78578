using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Testing.Store;

public enum ChangeType { Added, Modified, Deleted }

/// <summary>One write to the store, kept for watches that resume from a resourceVersion.</summary>
public sealed record StoredChange(long ResourceVersion, ChangeType Type, ResourceType Resource, JsonObject Object)
{
    public string WatchType => Type switch
    {
        ChangeType.Added => "ADDED",
        ChangeType.Modified => "MODIFIED",
        _ => "DELETED",
    };
}
