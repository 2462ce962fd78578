namespace ContainerCloudBuild.Rollouts.Hosting;

/// <summary>
/// Shows a rollout wait as plain lines, one every <paramref name="every"/> while it lasts (CI logs, redirected output):
/// a wait shorter than <paramref name="every"/> prints nothing (its start and end are rollout events already).
/// </summary>
public sealed class PeriodicLinesWaitProgress(Action<string> write, TimeSpan every) : IWaitProgress
{
    public IWaitReport Begin(string app, string what, TimeSpan? total)
    {
        if (every <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(every), every, "The interval between progress lines must be positive.");
        return new Report(write, every, app, what, total);
    }

    private sealed class Report(Action<string> write, TimeSpan interval, string app, string what, TimeSpan? total) : IWaitReport
    {
        private readonly TimeSpan _every = interval;
        private TimeSpan _next = interval;

        void IWaitReport.Report(TimeSpan elapsed) => ((IWaitReport)this).Report(elapsed, null);

        void IWaitReport.Report(TimeSpan elapsed, string? detail)
        {
            if (elapsed < _next || (total is { } limit && elapsed >= limit))
                return;
            while (_next <= elapsed)
                _next += _every;
            write(WaitProgressText.Format(app, what, total, elapsed, detail));
        }

        public void Dispose()
        {
        }
    }
}
