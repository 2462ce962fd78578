using System.Collections.Concurrent;

namespace ContainerCloudBuild.Kubernetes.Testing.Behaviours;

/// <summary>The behaviours tests set, per namespace and deployment name or image ("repo:tag" or "repo").</summary>
public sealed class PodBehaviours
{
    private readonly ConcurrentDictionary<(string Namespace, string Key), PodBehaviour> behaviours = new();

    public PodBehaviourBuilder For(string @namespace, string deploymentNameOrImage) => new(this, @namespace, deploymentNameOrImage);

    internal void Set(string ns, string key, PodBehaviour behaviour) => behaviours[(ns, key)] = behaviour;

    /// <summary>
    /// The behaviour for a pod: an image's first (with tag, then without; the most specific, so "the new image
    /// crashes" works during a rollout), then its deployment's, else ready at once.
    /// </summary>
    public PodBehaviour Resolve(string ns, string? deploymentName, IEnumerable<string> images)
    {
        foreach (var image in images)
        {
            if (behaviours.TryGetValue((ns, image), out var byImage)) return byImage;
            var repository = image.Contains('@', StringComparison.Ordinal) ? image.Split('@')[0]
                : image.LastIndexOf(':') > image.LastIndexOf('/') ? image[..image.LastIndexOf(':')] : image;
            if (behaviours.TryGetValue((ns, repository), out var byRepository)) return byRepository;
        }
        return deploymentName is not null && behaviours.TryGetValue((ns, deploymentName), out var byName) ? byName : PodBehaviour.Default;
    }
}

/// <summary>Sets the behaviour of the pods one deployment (or image) creates from now on.</summary>
public sealed class PodBehaviourBuilder(PodBehaviours owner, string ns, string key)
{
    private PodBehaviour Set(PodBehaviour behaviour)
    {
        owner.Set(ns, key, behaviour);
        return behaviour;
    }

    public PodBehaviour ReadyAfter(TimeSpan delay, params string[] logLines) =>
        Set(PodBehaviour.Default with { ReadyAfter = delay, LogLines = logLines.Length == 0 ? PodBehaviour.Default.LogLines : logLines });

    public PodBehaviour CrashLoop(int exitCode, params string[] logLines) =>
        Set(new PodBehaviour(PodOutcome.CrashLoop, TimeSpan.Zero, exitCode, logLines, "Error"));

    public PodBehaviour ImagePullFails(string message) =>
        Set(new PodBehaviour(PodOutcome.ImagePullFails, TimeSpan.Zero, 0, [], message));

    public PodBehaviour OomKilled(params string[] logLines) =>
        Set(new PodBehaviour(PodOutcome.OomKilled, TimeSpan.Zero, 137, logLines, "OOMKilled"));

    public PodBehaviour Unschedulable(string message) =>
        Set(new PodBehaviour(PodOutcome.Unschedulable, TimeSpan.Zero, 0, [], message));

    public PodBehaviour ReadinessFails(string probeMessage) =>
        Set(new PodBehaviour(PodOutcome.ReadinessFails, TimeSpan.Zero, 0, PodBehaviour.Default.LogLines, probeMessage));
}
