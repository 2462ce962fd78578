using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Analysis.Hooks;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Rollouts.Analysis.Hooks;

/// <summary>
/// The rollout core's <see cref="IRolloutHooks"/> over <see cref="HookRunner"/>: each point becomes a
/// "rollout.hook" event (app, strategy, stable, candidate) that webhooks receive as JSON and commands on stdin.
/// A failing gating hook blocks; an <c>{"approved": true}</c> answer approves a manual promotion. The message
/// handed back to the rollout (and so to its events) has every known secret masked, e.g. a token in a webhook URL.
/// </summary>
public sealed class RolloutHooks(HookRunner runner, SecretMasker masker, TimeProvider time) : IRolloutHooks
{
    /// <summary>Hooks per point; <paramref name="events"/> (optional) also receives every hook result.</summary>
    public static RolloutHooks Create(
        IReadOnlyDictionary<RolloutHookPoint, IReadOnlyList<IHook>> hooks, SecretMasker masker, TimeProvider time, EventShipper? events = null)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        var byPoint = hooks.ToDictionary(h => ToHookPoint(h.Key), h => h.Value);
        return new RolloutHooks(new HookRunner(byPoint, time, events), masker, time);
    }

    public async Task<RolloutHookResult> RunAsync(RolloutHookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var e = PipelineEvent.Create(time, "rollout.hook", request.Message,
            ("point", request.Point.ToString()), ("app", request.App), ("strategy", request.Strategy.ToString()),
            ("stable", request.Stable?.Revision ?? ""), ("candidate", request.Candidate?.Revision ?? ""),
            ("image", request.Candidate?.Image ?? ""), ("digest", request.Candidate?.Digest ?? ""));
        var result = await runner.RunAsync(ToHookPoint(request.Point), e, cancellationToken).ConfigureAwait(false);
        return new RolloutHookResult(result.Allowed, result.Approved, masker.Apply(result.Message));
    }

    public static HookPoint ToHookPoint(RolloutHookPoint point) => point switch
    {
        RolloutHookPoint.PreRollout => HookPoint.PreRollout,
        RolloutHookPoint.PrePromotion => HookPoint.PrePromotion,
        RolloutHookPoint.PostPromotion => HookPoint.PostPromotion,
        RolloutHookPoint.OnAbort => HookPoint.OnAbort,
        _ => HookPoint.OnComplete,
    };
}
