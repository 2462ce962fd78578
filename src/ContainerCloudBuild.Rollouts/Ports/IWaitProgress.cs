namespace ContainerCloudBuild.Rollouts;

/// <summary>
/// Shows the long waits of a rollout (health gate, pauses, analysis windows, manual gates) while they last: what is
/// waited for and how long is left. A terminal shows a live line, CI plain periodic lines.
/// </summary>
public interface IWaitProgress
{
    /// <summary>A wait of <paramref name="app"/> begins; dispose the report when it ends.</summary>
    /// <param name="what">What is waited for, e.g. <c>analysis 'haproxy-canary' of v2</c>.</param>
    /// <param name="total">How long it lasts at most; null when only a command or an outside event ends it.</param>
    IWaitReport Begin(string app, string what, TimeSpan? total);
}

/// <summary>One wait in progress.</summary>
public interface IWaitReport : IDisposable
{
    /// <summary>Called often (at every poll or tick); the implementation decides what and when to show.</summary>
    void Report(TimeSpan elapsed);

    /// <summary>As <see cref="Report(TimeSpan)"/>, with what is reached so far (e.g. <c>1/2 replicas ready</c>) to show beside what is waited for.</summary>
    void Report(TimeSpan elapsed, string? detail) => Report(elapsed);
}

/// <summary>Shows nothing.</summary>
public sealed class NoWaitProgress : IWaitProgress
{
    public IWaitReport Begin(string app, string what, TimeSpan? total) => new Nothing();

    private sealed class Nothing : IWaitReport
    {
        public void Report(TimeSpan elapsed)
        {
        }

        public void Dispose()
        {
        }
    }
}
