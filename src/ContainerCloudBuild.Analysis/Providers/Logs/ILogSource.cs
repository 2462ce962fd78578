namespace ContainerCloudBuild.Analysis.Providers.Logs;

/// <summary>One log line with the time it was written.</summary>
public sealed record LogLine(DateTimeOffset Timestamp, string Text);

/// <summary>The logs of the version under analysis; the rollout driver provides the container's logs.</summary>
public interface ILogSource
{
    /// <summary>Lines written at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<LogLine>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
