using ContainerCloudBuild.Analysis.Events;

namespace ContainerCloudBuild.Analysis.Hooks;

/// <summary>
/// Runs the hooks registered for a point, in order. A failing or rejecting gating hook makes the point not
/// allowed (the rollout must not proceed; for PrePromotion it blocks promotion). Every hook result is
/// published as an event ("hook.result") when a shipper is given.
/// </summary>
public sealed class HookRunner(IReadOnlyDictionary<HookPoint, IReadOnlyList<IHook>> hooks, TimeProvider time, EventShipper? events = null)
{
    public async Task<HookPointResult> RunAsync(HookPoint point, PipelineEvent e, CancellationToken cancellationToken)
    {
        if (!hooks.TryGetValue(point, out var list) || list.Count == 0)
            return new HookPointResult(point, true, false, $"no hooks at {point}", []);
        var results = new List<HookResult>();
        foreach (var hook in list)
        {
            var result = await hook.RunAsync(point, e, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            events?.Publish(PipelineEvent.Create(time, "hook.result", result.Message,
                ("hook", hook.Name), ("point", point.ToString()), ("succeeded", result.Succeeded ? "true" : "false"),
                ("gating", hook.Gating ? "true" : "false")));
        }
        var gating = list.Zip(results).Where(p => p.First.Gating).Select(p => p.Second).ToList();
        var blocker = gating.FirstOrDefault(r => !r.Succeeded) ?? gating.FirstOrDefault(r => r.Approved == false);
        if (blocker is not null)
        {
            var why = blocker.Succeeded ? "rejected" : "failed";
            return new HookPointResult(point, false, false, $"{point} blocked: gating hook '{blocker.Hook}' {why}: {blocker.Message}", results);
        }
        var approved = gating.Any(r => r.Approved == true);
        return new HookPointResult(point, true, approved,
            $"{point}: {results.Count} hook(s) ran, {results.Count(r => r.Succeeded)} succeeded" + (approved ? ", promotion approved" : ""), results);
    }
}
