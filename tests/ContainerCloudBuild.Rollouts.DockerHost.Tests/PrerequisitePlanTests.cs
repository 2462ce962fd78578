using ContainerCloudBuild.Rollouts.DockerHost.Stack;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

/// <summary>The decision behind Prerequisites: which packages are missing and the exact commands, as root or not.</summary>
public sealed class PrerequisitePlanTests
{
    private static readonly Prerequisite[] Required =
    [
        new("/usr/sbin/dockerd", "docker.io"), new("/usr/bin/docker", "docker.io"),
        new("/usr/bin/htpasswd", "apache2-utils"), new("/bin/busybox", "busybox-static"),
    ];

    [Fact]
    public void For_EverythingPresentAndEngineAnswers_NothingToDo()
    {
        var plan = PrerequisitePlan.For(Required, _ => true, dockerAnswers: true, canInstall: true);

        Assert.True(plan.NothingToDo);
        Assert.Empty(plan.MissingPackages);
        Assert.Empty(plan.Commands);
    }

    [Fact]
    public void For_MissingBinariesAsRoot_InstallsEachPackageOnceInListOrder()
    {
        var plan = PrerequisitePlan.For(Required, binary => binary == "/usr/bin/htpasswd", dockerAnswers: true, canInstall: true);

        Assert.Equal(["docker.io", "busybox-static"], plan.MissingPackages);
        Assert.Equal(["apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io busybox-static"], plan.Commands);
        Assert.Null(plan.StartDockerdCommand);
    }

    [Fact]
    public void For_NotRoot_PrintsSudoCommandsForPackagesAndDockerd()
    {
        var plan = PrerequisitePlan.For(Required, binary => binary != "/bin/busybox", dockerAnswers: false, canInstall: false);

        Assert.Equal(
        [
            "sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y busybox-static",
            "sudo sh -c 'setsid nohup dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false </dev/null >/var/log/dockerd.log 2>&1 &'",
        ], plan.Commands);
    }

    [Fact]
    public void For_EngineSilentAsRoot_StartsDockerdDetachedWithItsLog()
    {
        var plan = PrerequisitePlan.For(Required, _ => true, dockerAnswers: false, canInstall: true);

        Assert.Null(plan.InstallCommand);
        Assert.Equal($"setsid nohup {PrerequisitePlan.DockerdCommand} </dev/null >{PrerequisitePlan.DockerdLog} 2>&1 &", plan.StartDockerdCommand);
        Assert.False(plan.NothingToDo);
    }
}
