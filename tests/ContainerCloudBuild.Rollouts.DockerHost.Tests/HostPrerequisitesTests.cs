using System.Net.Sockets;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

public sealed class HostPrerequisitesTests
{
    [Fact]
    public void Classify_SocketAccessDenied_IsPermissionDenied()
    {
        var failure = new HttpRequestException("connect failed", new SocketException((int)SocketError.AccessDenied));

        Assert.Equal(DockerEngineState.PermissionDenied, HostPrerequisites.Classify(failure));
        Assert.Equal(DockerEngineState.PermissionDenied, HostPrerequisites.Classify(new UnauthorizedAccessException()));
    }

    [Fact]
    public void Classify_ConnectionRefused_IsNotAnswering()
    {
        var failure = new HttpRequestException("connect failed", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal(DockerEngineState.NotAnswering, HostPrerequisites.Classify(failure));
    }

    [Fact]
    public async Task Probe_SocketFileWithoutEngine_IsNotAnswering()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("docker.sock");
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            socket.Bind(new UnixDomainSocketEndPoint(path));
        var prerequisites = new HostPrerequisites(new LocalStackOptions { DockerSocket = path, StateDirectory = dir.Path }, NullLogger.Instance);

        Assert.Equal(DockerEngineState.NotAnswering, await prerequisites.ProbeDockerAsync(TestContext.Current.CancellationToken));
    }
}
