using ContainerCloudBuild.Rollouts.DockerHost.Docker;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

public sealed class CpuQuotaTests
{
    [Theory]
    [InlineData(0.5, 10_000, 5_000)]
    [InlineData(1.0, 10_000, 10_000)]
    [InlineData(2.5, 10_000, 25_000)]
    [InlineData(0.1, 10_000, 1_000)]
    public void For_LimitOfATenthOrMore_SplitsTenMillisecondPeriods(double cpus, long period, long quota) =>
        Assert.Equal(new CpuQuota(period, quota), CpuQuota.For(cpus));

    [Theory]
    [InlineData(0.05, 20_000)]
    [InlineData(0.01, 100_000)]
    public void For_LimitTooSmallForAOneMillisecondQuota_LengthensThePeriodInstead(double cpus, long period)
    {
        var quota = CpuQuota.For(cpus);

        Assert.Equal(new CpuQuota(period, CpuQuota.MinimumQuotaMicroseconds), quota);
        Assert.Equal(cpus, (double)quota.QuotaMicroseconds / quota.PeriodMicroseconds, precision: 6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void For_NotAPositiveNumber_Throws(double cpus) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CpuQuota.For(cpus));
}
