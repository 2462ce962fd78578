using k8s;

namespace ContainerCloudBuild.Rollouts.Kubernetes.State;

/// <summary>
/// An application's record lines (e.g. its rollout history as JSON lines) in the ConfigMap <c>&lt;app&gt;-rollout-history</c>,
/// appended with optimistic concurrency and kept to the last <paramref name="keep"/> lines (a ConfigMap holds at most 1 MiB).
/// </summary>
public sealed class ClusterRecordLog(IKubernetes client, string ns, int keep = 200)
{
    public const string Key = "history.jsonl";

    public static string Name(string app) => RolloutLabels.ToDnsLabel(app) + "-rollout-history";

    public async Task AppendAsync(string app, string line, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(line);
        if (line.Contains('\n', StringComparison.Ordinal))
            throw new ArgumentException("A record is one line.", nameof(line));
        await Entries(app).UpdateAsync(Key, text => string.Join('\n', Lines(text).Append(line).TakeLast(keep)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ReadAsync(string app, CancellationToken cancellationToken) =>
        [.. Lines(await Entries(app).ReadAsync(Key, cancellationToken).ConfigureAwait(false))];

    private static IEnumerable<string> Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private ConfigMapEntries Entries(string app) => new(client, ns, Name(app), new Dictionary<string, string> { [RolloutLabels.App] = app });
}
