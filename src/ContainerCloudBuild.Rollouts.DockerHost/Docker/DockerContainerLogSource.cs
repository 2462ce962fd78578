using System.Globalization;
using ContainerCloudBuild.Analysis.Providers.Logs;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

/// <summary>
/// A container's stdout and stderr as an <see cref="ILogSource"/> (Docker's logs API with <c>since</c> and
/// <c>timestamps</c>), for log-pattern analysis and <see cref="LogStreamer"/>. A missing container or an engine
/// error is an <see cref="InvalidOperationException"/> naming the container (a provider error, never "0 errors").
/// </summary>
public sealed class DockerContainerLogSource(IDockerClient docker, string containerName) : ILogSource
{
    /// <summary>The log source of an application's revision: the lines of all its replicas' containers, in time order.</summary>
    public static ILogSource ForRevision(IDockerClient docker, string app, string revision) => new DockerRevisionLogSource(docker, app, revision);

    /// <summary>For <c>RolloutAnalysisOptions.CandidateLogs</c>: the log source of any app's revision on this engine.</summary>
    public static Func<string, RevisionInfo, ILogSource> Factory(IDockerClient docker) =>
        (app, revision) => ForRevision(docker, app, revision.Revision);

    public string ContainerName => containerName;

    public async Task<IReadOnlyList<LogLine>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var chunks = new List<string>();
        var parameters = new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Timestamps = true, Follow = false };
        if (since > DateTimeOffset.UnixEpoch)
            parameters.Since = (since.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        try
        {
            await docker.Containers.GetContainerLogsAsync(containerName, parameters, new CollectLines(chunks), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException ex)
        {
            throw new InvalidOperationException($"Container '{containerName}' does not exist, so its logs cannot be read; was the revision removed?", ex);
        }
        catch (DockerApiException ex)
        {
            throw new InvalidOperationException($"Docker refused the logs of container '{containerName}': {(int)ex.StatusCode} {ex.ResponseBody}", ex);
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"Docker did not return the logs of container '{containerName}' in time: {ex.Message}", ex);
        }
        List<string> text;
        lock (chunks)
            text = [.. chunks];
        return [.. Parse(text).Where(l => l.Timestamp >= since)];
    }

    /// <summary>Lines of <c>2026-01-01T10:00:00.123456789Z text</c>; a line without a timestamp keeps the previous one.</summary>
    public static IEnumerable<LogLine> Parse(IEnumerable<string> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var last = DateTimeOffset.MinValue;
        foreach (var raw in chunks.SelectMany(c => c.Split('\n')))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
                continue;
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && TryParseTimestamp(line[..space], out var at))
            {
                last = at;
                yield return new LogLine(at, line[(space + 1)..]);
            }
            else
            {
                yield return new LogLine(last, line);
            }
        }
    }

    private static bool TryParseTimestamp(string text, out DateTimeOffset at)
    {
        // RFC 3339 with nanoseconds: .NET parses at most 7 fractional digits.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && text.EndsWith('Z') && text.Length - dot - 2 > 7)
            text = text[..(dot + 8)] + "Z";
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
    }
}
