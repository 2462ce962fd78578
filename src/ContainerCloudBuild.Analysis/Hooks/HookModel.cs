using ContainerCloudBuild.Analysis.Events;

namespace ContainerCloudBuild.Analysis.Hooks;

/// <summary>Where in a rollout a hook runs.</summary>
public enum HookPoint { PreRollout, PrePromotion, PostPromotion, OnAbort, OnComplete }

/// <summary>
/// What one hook run said. <see cref="Approved"/> is set when a hook answered <c>{"approved": true|false}</c>
/// (a gating webhook can approve or reject a manual promotion).
/// </summary>
public sealed record HookResult(string Hook, bool Succeeded, string Message, int? Code = null, bool? Approved = null);

/// <summary>A webhook or command hook. Expected failures (non-2xx, exit code, timeout) are results, not exceptions.</summary>
public interface IHook
{
    string Name { get; }

    /// <summary>A gating hook's failure blocks the rollout step; a non-gating hook's failure is only reported.</summary>
    bool Gating { get; }

    Task<HookResult> RunAsync(HookPoint point, PipelineEvent e, CancellationToken cancellationToken);
}

/// <summary>The outcome of all hooks at one point.</summary>
/// <param name="Allowed">False when a gating hook failed or rejected: the step must not proceed.</param>
/// <param name="Approved">True when a gating hook approved (and none rejected) a manual promotion.</param>
public sealed record HookPointResult(HookPoint Point, bool Allowed, bool Approved, string Message, IReadOnlyList<HookResult> Results);
