namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>One request the fake received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType);

/// <summary>Every request the fake received, in order, for counting and asserting in tests.</summary>
public sealed class RequestLog
{
    private readonly List<RecordedRequest> requests = [];
    private readonly object gate = new();

    public IReadOnlyList<RecordedRequest> All
    {
        get { lock (gate) return requests.ToList(); }
    }

    public int Count(string method, string pathPrefix) =>
        All.Count(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public void Clear()
    {
        lock (gate) requests.Clear();
    }

    internal void Add(RecordedRequest request)
    {
        lock (gate) requests.Add(request);
    }
}
