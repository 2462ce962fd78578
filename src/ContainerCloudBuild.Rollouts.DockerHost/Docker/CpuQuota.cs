namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

/// <summary>
/// A CPU limit as a CFS quota over a short period. Docker's <c>--cpus</c> uses a 100 ms period: a service that needs more
/// than its share for a moment (a GC, the JIT compiling hot code again at a higher tier) uses up its quota early, and then
/// every request it holds waits for the rest of the period — up to 50 ms at 0.5 CPU, all connections at once. Over a
/// 10 ms period the same limit holds on average and such a wait lasts a few milliseconds.
/// </summary>
public readonly record struct CpuQuota(long PeriodMicroseconds, long QuotaMicroseconds)
{
    /// <summary>The period for limits of 0.1 CPU and more.</summary>
    public const long DefaultPeriodMicroseconds = 10_000;

    /// <summary>The smallest quota the kernel accepts (1 ms).</summary>
    public const long MinimumQuotaMicroseconds = 1_000;

    /// <summary>The quota for <paramref name="cpus"/> CPUs; the period grows only when the quota would be under the kernel's minimum.</summary>
    public static CpuQuota For(double cpus)
    {
        if (!(cpus > 0) || double.IsInfinity(cpus))
            throw new ArgumentOutOfRangeException(nameof(cpus), cpus, "A CPU limit is a positive number of CPUs (e.g. 0.5).");
        var period = Math.Max(DefaultPeriodMicroseconds, (long)Math.Ceiling(MinimumQuotaMicroseconds / cpus));
        var quota = Math.Max(MinimumQuotaMicroseconds, (long)Math.Round(cpus * period));
        return new CpuQuota(period, quota);
    }
}
