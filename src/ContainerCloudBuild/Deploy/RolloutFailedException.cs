using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Deploy;

/// <summary>
/// A rollout command did not do what was asked (health gate failed, analysis aborted, nothing to abort, ...): an
/// expected failure, so the build prints its reason first and no stack; the target fails with exit code 1.
/// </summary>
public sealed class RolloutFailedException(RolloutResult result)
    : Exception(result?.Phase is { } phase ? $"{result.Message} (rollout phase: {phase})" : result?.Message)
{
    public RolloutResult Result { get; } = result ?? throw new ArgumentNullException(nameof(result));
}
