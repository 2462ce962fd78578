using Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

public sealed partial class DockerWorkloadDriver
{
    /// <summary>The pause after the first failed try; it doubles after each failure up to <see cref="LongestRetry"/> or the health check's interval.</summary>
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest pause between tries while a revision starts: doubling on to a 1-s interval probed a service that was up after
    /// 0.8 s at 1.55 s. A refused connection costs next to nothing, so a starting revision is asked every 250 ms at most.
    /// </summary>
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// GET the health path of every replica not ready yet at once, then again after 50 ms, 100 ms, ... doubling up to 250 ms
    /// or the interval, whichever is shorter (each try bounded by the timeout), until all answered 2xx, one of their containers exits (that replica is named),
    /// or the deadline (a service up in 0.3 s passes in about 0.35 s, not at the next full interval); then each replica's
    /// warm-up requests, if any, before the revision takes traffic.
    /// </summary>
    public async Task<HealthResult> WaitHealthyAsync(
        string app, RevisionInfo revision, HealthCheckSpec healthCheck, IProgress<ReplicaReadiness>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(healthCheck);
        var urls = revision.AllAddresses().Select(a => new Uri($"http://{a}{healthCheck.Path}")).ToArray();
        var last = urls.Select(_ => "no answer yet").ToArray();
        var ready = new bool[urls.Length];
        var started = timeProvider.GetUtcNow();
        var attempts = 0;
        var pause = FirstRetry < healthCheck.Interval ? FirstRetry : healthCheck.Interval;
        while (timeProvider.GetUtcNow() - started < healthCheck.Deadline)
        {
            attempts++;
            await Task.WhenAll(Enumerable.Range(0, urls.Length).Where(i => !ready[i]).Select(async i =>
                (ready[i], last[i]) = await ProbeAsync(urls[i], healthCheck.Timeout, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
            progress?.Report(new ReplicaReadiness(ready.Count(r => r), urls.Length));
            if (ready.All(r => r))
            {
                var healthy = $"GET {healthCheck.Path} answered 2xx on {Replicas(urls.Length)} after {attempts} attempt(s) in {(timeProvider.GetUtcNow() - started).TotalMilliseconds:0} ms";
                var warmed = healthCheck.Warmup is { Requests: > 0 } warmup
                    ? await Task.WhenAll(revision.AllAddresses().Select(a => WarmUpAsync(a, warmup, healthCheck.Timeout, cancellationToken))).ConfigureAwait(false)
                    : [];
                if (healthCheck.LowCpuWeightUntilReady)
                    await GiveServingCpuWeightAsync(app, revision, cancellationToken).ConfigureAwait(false);
                return HealthResult.Ok(string.Join("; ", warmed.Prepend(healthy)));
            }
            for (var i = 0; i < urls.Length; i++)
            {
                if (ready[i])
                    continue;
                var name = DockerLabels.ContainerName(app, revision.Revision, i);
                var container = await TryInspectAsync(name, cancellationToken).ConfigureAwait(false);
                if (container?.State is not { Running: true })
                    return await UnhealthyAsync(name,
                        $"{Replica(i, urls.Length, name)}the container exited (exit code {container?.State?.ExitCode}{(container?.State?.OOMKilled == true ? ", OOM-killed" : "")}) before GET {urls[i]} succeeded; last: {last[i]}",
                        cancellationToken).ConfigureAwait(false);
            }
            await Task.Delay(pause, timeProvider, cancellationToken).ConfigureAwait(false);
            var longest = LongestRetry < healthCheck.Interval ? LongestRetry : healthCheck.Interval;
            pause = pause * 2 < longest ? pause * 2 : longest;
        }
        var waiting = Enumerable.Range(0, urls.Length).Where(i => !ready[i]).ToList();
        var first = waiting[0];
        return await UnhealthyAsync(DockerLabels.ContainerName(app, revision.Revision, first),
            $"{(urls.Length == 1 ? "" : $"{ready.Count(r => r)}/{urls.Length} replicas ready: ")}{string.Join("; ", waiting.Select(i => $"{Replica(i, urls.Length, DockerLabels.ContainerName(app, revision.Revision, i))}GET {urls[i]} did not answer 2xx (last: {last[i]})"))} within {healthCheck.Deadline.TotalSeconds:0.#}s ({attempts} attempts)",
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<(bool Ready, string Last)> ProbeAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(url, attempt.Token).ConfigureAwait(false);
            return (response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return (false, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"no answer within the {timeout.TotalSeconds:0.#}s timeout");
        }
    }

    private static string Replicas(int count) => count == 1 ? "the one replica" : $"all {count} replicas";

    /// <summary>Names the replica in a message when the revision has several (<c>replica 1 of 2 (ccb-app-v2-1): </c>).</summary>
    private static string Replica(int index, int count, string containerName) => count == 1 ? "" : $"replica {index} of {count} ({containerName}): ";

    private async Task<HealthResult> UnhealthyAsync(string containerName, string message, CancellationToken cancellationToken) =>
        new(false, message, await LastLogLinesAsync(containerName, 20, cancellationToken).ConfigureAwait(false));

    /// <summary>The container's last stdout/stderr lines, for failure messages.</summary>
    public async Task<IReadOnlyList<string>> LastLogLinesAsync(string containerName, int lines, CancellationToken cancellationToken)
    {
        try
        {
            var collected = new List<string>();
            await docker.Containers.GetContainerLogsAsync(containerName,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Follow = false, Tail = lines.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new CollectLines(collected), cancellationToken).ConfigureAwait(false);
            lock (collected)
                return [.. collected.SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TakeLast(lines)];
        }
        catch (global::Docker.DotNet.DockerApiException ex)
        {
            return [$"(logs unavailable: {ex.Message})"];
        }
    }
}

/// <summary>Synchronous IProgress (Progress&lt;T&gt; posts to the thread pool and could lose the last lines).</summary>
internal sealed class CollectLines(List<string> lines) : IProgress<string>
{
    public void Report(string value)
    {
        lock (lines)
            lines.Add(value);
    }
}
