namespace ContainerCloudBuild.Rollouts.State;

/// <summary>
/// A rollout state file exists but cannot be read (truncated, or edited by hand into invalid JSON or an
/// unknown shape). Carries the file, the previous good state kept beside it (when there is one) and how to recover.
/// </summary>
public sealed class RolloutStateUnreadableException(string app, string path, string? previousGoodPath, Exception inner)
    : Exception(Describe(app, path, previousGoodPath, inner), inner)
{
    public string App { get; } = app;

    public string StatePath { get; } = path;

    public string? PreviousGoodPath { get; } = previousGoodPath;

    private static string Describe(string app, string path, string? previousGoodPath, Exception inner)
    {
        var recover = previousGoodPath is null
            ? $"No previous good state is kept beside it. To start over, move it away (mv '{path}' '{path}.damaged'); " +
              "running containers keep their labels and are found again by the next rollout."
            : $"The previous good state is kept beside it: restore it with cp '{previousGoodPath}' '{path}' and run Status, " +
              $"or move the damaged file away (mv '{path}' '{path}.damaged') to start over.";
        return $"The rollout state of '{app}' cannot be read from {path}: {inner.Message} " +
               $"The file was truncated or edited by hand. {recover}";
    }
}
