using ContainerCloudBuild.Rollouts.DockerHost.Docker;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

public sealed class CpuPlacementTests
{
    [Fact]
    public void Choose_NothingPinned_PacksTheRevisionOnTheFirstCoresItNeeds() =>
        Assert.Equal(["0", "0"], CpuPlacement.Choose(2, 0.5, 2, []));

    [Fact]
    public void Choose_AnotherRevisionOnCoreZero_TakesTheOtherCore() =>
        Assert.Equal(["1", "1"], CpuPlacement.Choose(2, 0.5, 2, [new("0", 0.5), new("0", 0.5)]));

    [Fact]
    public void Choose_TheNextRevision_AlternatesBackToTheCoreLeftFree() =>
        Assert.Equal(["0", "0"], CpuPlacement.Choose(2, 0.5, 2, [new("1", 0.5), new("1", 0.5)]));

    [Fact]
    public void Choose_SeveralCoresNeeded_OneCorePerReplicaRoundRobinOverTheLeastLoaded() =>
        Assert.Equal(["2", "3", "2"], CpuPlacement.Choose(4, 0.5, 3, [new("0", 0.5), new("1", 1), new("0-1", 1)]));

    [Fact]
    public void Choose_ReplicaLargerThanACore_GetsAllChosenCores() =>
        Assert.Equal(["1,2"], CpuPlacement.Choose(4, 1.5, 1, [new("0", 1), new("3", 0.5)]));

    [Theory]
    [InlineData(2, 0.5, 4)] // needs 2 cores: all of them
    [InlineData(2, 1.0, 2)]
    [InlineData(1, 0.5, 1)] // one core: nothing to choose
    public void Choose_RevisionNeedsEveryCore_PinsNothing(int hostCores, double cpus, int replicas) =>
        Assert.All(CpuPlacement.Choose(hostCores, cpus, replicas, []), Assert.Null);

    [Fact]
    public void Choose_NoCpuLimit_PinsNothing() =>
        Assert.Equal([null, null], CpuPlacement.Choose(4, null, 2, []));

    [Fact]
    public void Choose_RunningReplicaPinnedBeyondTheHostsCores_IsIgnoredForThoseCores() =>
        Assert.Equal(["1"], CpuPlacement.Choose(2, 0.5, 1, [new("0,7", 2)]));

    [Theory]
    [InlineData("0,2-3", new[] { 0, 2, 3 })]
    [InlineData(" 1 , x, 4-5", new[] { 1, 4, 5 })]
    [InlineData("", new int[0])]
    public void Parse_DockerCpusetNotation(string cpuSet, int[] cores) => Assert.Equal(cores, CpuPlacement.Parse(cpuSet));

    [Fact]
    public void FromLabels_CpusetAndLimit_AsTheDriverWroteThem() =>
        Assert.Equal(new PinnedReplica("1", 0.5), PinnedReplica.FromLabels(new Dictionary<string, string>
        {
            [DockerLabels.CpuSet] = "1",
            [DockerLabels.CpuLimit] = "0.5",
        }));

    [Theory]
    [InlineData(null)]
    [InlineData("lots")]
    public void FromLabels_LimitMissingOrUnreadable_CountsAsOneCore(string? limit)
    {
        var labels = new Dictionary<string, string> { [DockerLabels.CpuSet] = "0,1" };
        if (limit is not null)
            labels[DockerLabels.CpuLimit] = limit;
        Assert.Equal(new PinnedReplica("0,1", 1), PinnedReplica.FromLabels(labels));
    }

    [Fact]
    public void FromLabels_NoCpuset_IsNotPinned() =>
        Assert.Null(PinnedReplica.FromLabels(new Dictionary<string, string> { [DockerLabels.CpuLimit] = "0.5" }));
}
