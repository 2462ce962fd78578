namespace ContainerCloudBuild.Rollouts.Tests.Support;

/// <summary>Records every wait the controller shows: what, how long at most, the elapsed times reported, and whether it ended.</summary>
public sealed class RecordingWaitProgress : IWaitProgress
{
    private readonly List<Wait> _waits = [];

    public IReadOnlyList<Wait> Waits
    {
        get { lock (_waits) return [.. _waits]; }
    }

    public IWaitReport Begin(string app, string what, TimeSpan? total)
    {
        var wait = new Wait(app, what, total);
        lock (_waits) _waits.Add(wait);
        return wait;
    }

    public sealed class Wait(string app, string what, TimeSpan? total) : IWaitReport
    {
        private readonly List<TimeSpan> _reports = [];

        public string App { get; } = app;
        public string What { get; } = what;
        public TimeSpan? Total { get; } = total;
        public bool Ended { get; private set; }

        public IReadOnlyList<TimeSpan> Reports
        {
            get { lock (_reports) return [.. _reports]; }
        }

        public void Report(TimeSpan elapsed)
        {
            lock (_reports) _reports.Add(elapsed);
        }

        public void Dispose() => Ended = true;
    }
}
