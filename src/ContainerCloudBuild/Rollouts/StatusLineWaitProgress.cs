using ContainerCloudBuild.Engine.Output;

namespace ContainerCloudBuild.Rollouts.Hosting;

/// <summary>
/// Shows rollout waits on the console's live status line (an interactive terminal), updated at every report and cleared
/// when the wait ends; waits of several services at once share the line.
/// </summary>
public sealed class StatusLineWaitProgress(BuildConsole console) : IWaitProgress
{
    private readonly Lock _gate = new();
    private readonly List<Report> _active = [];

    public IWaitReport Begin(string app, string what, TimeSpan? total)
    {
        var report = new Report(this, app, what, total);
        lock (_gate) _active.Add(report);
        return report;
    }

    private void Show(Report? ended)
    {
        lock (_gate)
        {
            if (ended is not null)
                _active.Remove(ended);
            console.SetStatus(_active.Count == 0 ? null : string.Join("  ·  ", _active.Select(r => r.Text)));
        }
    }

    private sealed class Report(StatusLineWaitProgress owner, string app, string what, TimeSpan? total) : IWaitReport
    {
        public string Text { get; private set; } = WaitProgressText.Format(app, what, total, TimeSpan.Zero);

        void IWaitReport.Report(TimeSpan elapsed) => ((IWaitReport)this).Report(elapsed, null);

        void IWaitReport.Report(TimeSpan elapsed, string? detail)
        {
            var text = WaitProgressText.Format(app, what, total, elapsed, detail);
            if (text == Text)
                return;
            Text = text;
            owner.Show(null);
        }

        public void Dispose() => owner.Show(this);
    }
}
