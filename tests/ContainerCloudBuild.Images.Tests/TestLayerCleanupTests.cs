using ContainerCloudBuild.Images.Tests.Support;

namespace ContainerCloudBuild.Images.Tests;

/// <summary>What a test's clean-up may remove after a build: never a layer another test's build can share.</summary>
public sealed class TestLayerCleanupTests
{
    [Fact]
    public void OwnLayers_BuildLog_KeepsCachedAndSharedStepLayersAndTakesTheBuildsOwn()
    {
        var log = string.Join('\n',
            "Step 1/4 : FROM scratch",
            "--->",
            "Step 2/4 : COPY busybox /bin/busybox",
            "Step 1/4 : FROM scratch (0.00 s)",
            "---> 75435f348b90",
            "Step 3/4 : LABEL a=b",
            "Step 2/4 : COPY busybox /bin/busybox (0.05 s)",
            "---> Using cache",
            "---> 1111aaaa2222",
            "Step 4/4 : RUN [\"/bin/busybox\", \"true\"]",
            "Step 3/4 : LABEL a=b (cached)",
            "---> Running in 0123456789ab",
            "Removing intermediate container 0123456789ab",
            "---> 3333bbbb4444",
            "Step 4/4 : RUN [\"/bin/busybox\", \"true\"] (0.40 s)");

        Assert.Equal(["3333bbbb4444"], DockerHost.OwnLayers(log));
    }
}
