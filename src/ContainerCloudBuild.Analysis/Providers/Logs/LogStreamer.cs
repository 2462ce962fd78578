namespace ContainerCloudBuild.Analysis.Providers.Logs;

/// <summary>
/// Follows a version's logs while it is under analysis: polls the <see cref="ILogSource"/>, writes each new
/// line prefixed with the revision (e.g. <c>[r2] ERROR ...</c>) and keeps the last lines so every failure
/// message can include them (<see cref="LastLines"/>).
/// </summary>
public sealed class LogStreamer(ILogSource source, string revision, Action<string> write, TimeProvider time, int keep = 20)
{
    private readonly Queue<string> last = new();
    private readonly HashSet<string> seenAtCursor = new(StringComparer.Ordinal);
    private DateTimeOffset cursor = DateTimeOffset.MinValue;

    /// <summary>The last lines seen (at most the number kept), oldest first, without prefix.</summary>
    public IReadOnlyList<string> LastLines
    {
        get { lock (last) return [.. last]; }
    }

    /// <summary>Polls until cancelled; a failing read is written once as a note and retried on the next poll.</summary>
    public async Task RunAsync(DateTimeOffset since, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        cursor = since;
        while (!cancellationToken.IsCancellationRequested)
        {
            await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(pollInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads and writes the lines that appeared since the last poll.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<LogLine> lines;
        try
        {
            lines = await source.ReadSinceAsync(cursor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or HttpRequestException)
        {
            write($"[{revision}] (could not read logs: {ex.Message})");
            return;
        }
        foreach (var line in lines.Where(l => l.Timestamp >= cursor).OrderBy(l => l.Timestamp))
        {
            if (line.Timestamp > cursor)
            {
                cursor = line.Timestamp;
                seenAtCursor.Clear();
            }
            if (!seenAtCursor.Add(line.Text))
                continue;
            write($"[{revision}] {line.Text}");
            lock (last)
            {
                last.Enqueue(line.Text);
                while (last.Count > keep)
                    last.Dequeue();
            }
        }
    }

    /// <summary>"last log lines of r2: a | b | c", for failure messages; empty when nothing was logged.</summary>
    public string Describe(int count = 10)
    {
        var lines = LastLines.TakeLast(count).ToList();
        return lines.Count == 0 ? "" : $"last log lines of {revision}: " + string.Join(" | ", lines);
    }
}
