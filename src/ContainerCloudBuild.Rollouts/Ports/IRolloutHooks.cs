namespace ContainerCloudBuild.Rollouts;

/// <summary>Where in a rollout hooks run.</summary>
public enum RolloutHookPoint { PreRollout, PrePromotion, PostPromotion, OnAbort, OnComplete }

/// <summary>What the hooks at a point are told: the application, its revisions and what just happened.</summary>
public sealed record RolloutHookRequest(RolloutHookPoint Point, string App, RolloutStrategy Strategy, RevisionInfo? Stable, RevisionInfo? Candidate, string Message);

/// <summary>
/// The hooks' answer. <see cref="Allowed"/> false (a gating hook failed or rejected) stops the rollout at
/// PreRollout and PrePromotion; <see cref="Approved"/> true lets a manual promotion gate pass without Promote.
/// At PostPromotion, OnAbort and OnComplete the answer is only reported.
/// </summary>
public sealed record RolloutHookResult(bool Allowed, bool Approved, string Message)
{
    public static RolloutHookResult None { get; } = new(true, false, "no hooks");
}

/// <summary>Runs the rollout's hooks (webhooks, commands) at a point. Must not put secrets in <see cref="RolloutHookResult.Message"/>.</summary>
public interface IRolloutHooks
{
    Task<RolloutHookResult> RunAsync(RolloutHookRequest request, CancellationToken cancellationToken);
}
