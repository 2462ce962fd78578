using System.Text.Json;
using ContainerCloudBuild.Rollouts.State;
using k8s;

namespace ContainerCloudBuild.Rollouts.Kubernetes.State;

/// <summary>
/// Rollout state, lock and commands in the cluster, so Status, Promote, Abort and Undo work from any machine with access
/// to the namespace: the state in the ConfigMap <c>&lt;app&gt;-rollout</c> (key <c>state.json</c>, the core's JSON shape),
/// pending commands in <c>&lt;app&gt;-rollout-commands</c> (key <c>commands.json</c>, watched while a rollout waits), the lock as the Lease <c>&lt;app&gt;-rollout</c>.
/// </summary>
public sealed class ClusterRolloutStateStore(IKubernetes client, string ns, LeaseSettings lease, TimeProvider time) : IRolloutStateStore
{
    public const string StateKey = "state.json";
    public const string CommandsKey = "commands.json";

    public static string StateName(string app) => RolloutLabels.ToDnsLabel(app) + "-rollout";

    public static string CommandsName(string app) => RolloutLabels.ToDnsLabel(app) + "-rollout-commands";

    public static string LeaseName(string app) => RolloutLabels.ToDnsLabel(app) + "-rollout";

    public async Task<RolloutState?> LoadAsync(string app, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        var json = await StateEntries(app).ReadAsync(StateKey, cancellationToken).ConfigureAwait(false);
        if (json is null)
            return null;
        try
        {
            return JsonSerializer.Deserialize<RolloutState>(json, RolloutJson.Options);
        }
        catch (JsonException e)
        {
            throw new RolloutStateUnreadableException(app, $"ConfigMap {StateName(app)} (namespace {ns}), key {StateKey}", null, e);
        }
    }

    public async Task SaveAsync(RolloutState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        RolloutNames.Validate(state.App, "Application");
        var json = JsonSerializer.Serialize(state, RolloutJson.Options);
        await StateEntries(state.App).UpdateAsync(StateKey, _ => json, cancellationToken).ConfigureAwait(false);
    }

    public Task<(IAsyncDisposable? Lock, LockOwner? Owner)> TryLockAsync(string app, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        return LeaseLock.TryAcquireAsync(client, ns, LeaseName(app), lease, time, cancellationToken);
    }

    public Task<LockOwner?> GetLockOwnerAsync(string app, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        return LeaseLock.GetOwnerAsync(client, ns, LeaseName(app), time, cancellationToken);
    }

    public async Task PostCommandAsync(string app, RolloutCommand command, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        ArgumentNullException.ThrowIfNull(command);
        await CommandEntries(app).UpdateAsync(CommandsKey, json => JsonSerializer.Serialize(Parse(json).Append(command).ToList(), RolloutJson.Options), cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RolloutCommand>> TakeCommandsAsync(string app, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        var taken = await CommandEntries(app).UpdateAsync(CommandsKey, _ => null, cancellationToken).ConfigureAwait(false);
        return [.. Parse(taken).OrderBy(c => c.At)];
    }

    /// <summary>A watch on the commands ConfigMap for one wait: Promote/Abort/Undo reach the running rollout as they are posted.</summary>
    public ICommandArrivals WatchCommands(string app)
    {
        RolloutNames.Validate(app, "Application");
        return new CommandsConfigMapWatch(client, ns, CommandsName(app), CommandsKey, time);
    }

    private static IEnumerable<RolloutCommand> Parse(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<RolloutCommand>>(json, RolloutJson.Options) ?? [];

    private ConfigMapEntries StateEntries(string app) => new(client, ns, StateName(app), Labels(app));

    private ConfigMapEntries CommandEntries(string app) => new(client, ns, CommandsName(app), Labels(app));

    private static Dictionary<string, string> Labels(string app) => new() { [RolloutLabels.App] = app };
}
