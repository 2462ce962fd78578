using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

/// <summary>
/// HAProxy asks for SO_REUSEPORT by default, so two HAProxy processes on one port both start and the kernel splits the
/// connections between them: in CI a canary measured 31 % at a 20 % weight while another test process's HAProxy, given
/// the same port, answered part of the requests. The stack's HAProxy owns its ports instead.
/// </summary>
public sealed class HaproxyExclusivePortTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Render_FrontendPortInUseByTheStack_AnotherHaproxyCannotBindIt()
    {
        RequiredService.Require(File.Exists("/usr/sbin/haproxy"), "haproxy", "apt-get install haproxy");
        using var temp = new TempDirectory();
        var port = FreePort.Next();
        var ours = temp.WriteFile("ours.cfg", HaproxyConfig.Render(temp.Combine("ours.sock"), FreePort.Next(), [new HaproxyApp("hello", port)]));
        await DaemonProcess.StartAsync("/usr/sbin/haproxy", ["-f", ours], temp.Combine("ours.pid"), temp.Combine("ours.log"), port, TimeSpan.FromSeconds(10), Ct);
        try
        {
            var secondStack = temp.WriteFile("second.cfg", HaproxyConfig.Render(temp.Combine("second.sock"), FreePort.Next(), [new HaproxyApp("shop", port)]));
            var foreign = temp.WriteFile("foreign.cfg",
                $"defaults\n  mode http\n  timeout connect 1s\n  timeout client 1s\n  timeout server 1s\nfrontend other\n  bind 127.0.0.1:{port}\n");
            foreach (var config in new[] { secondStack, foreign })
            {
                // Bound, it would run until the timeout (and the test fail on the cancellation); refused, it exits at once.
                var run = await ToolProcess.RunAsync(ToolProcess.StartInfo("/usr/sbin/haproxy", ["-db", "-f", config]), TimeSpan.FromSeconds(10), Ct);

                Assert.NotEqual(0, run.ExitCode);
                Assert.Contains($"cannot bind socket (Address already in use) for [127.0.0.1:{port}]", run.Error, StringComparison.Ordinal);
            }
        }
        finally
        {
            DaemonProcess.Stop(temp.Combine("ours.pid"));
        }
    }
}
