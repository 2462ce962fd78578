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
}
