using System.Net;
using System.Net.Sockets;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.Testing;

public sealed class FreePortTests
{
    [Fact]
    public void Next_ManyTimes_NeverTheSamePortTwiceAndEachCanBeBound()
    {
        var ports = Enumerable.Range(0, 2000).Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        using var listener = new TcpListener(IPAddress.Loopback, ports[^1]);
        listener.Start();
    }

    [Fact]
    public async Task Next_ClaimsThePortAgainstEveryOtherTestProcess()
    {
        var port = FreePort.Next();

        // flock(1) takes the same kind of lock another test process's FreePort would: it must not get it.
        var other = await ToolProcess.RunAsync("flock", ["--nonblock", "--conflict-exit-code", "7", FreePort.ClaimPath(port), "true"], TestContext.Current.CancellationToken);

        Assert.Equal(7, other.ExitCode);
    }
}
