using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

public sealed class HaproxyBackendFilesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_ServingDrainingAndRemovedServers_RecordsWeightsLeavesOutTheRemovedOne()
    {
        using var temp = new TempDirectory();
        var files = new HaproxyBackendFiles(temp.Combine("backends"));

        await files.WriteAsync("hello", [
            new HaproxyServer("v2", "127.0.0.1", "18902", 2, 0, 40),
            new HaproxyServer("v1", "127.0.0.1", "18901", 2, 0, 60),
            new HaproxyServer("v0", "127.0.0.1", "18900", 2, 0x08, 100), // draining
            new HaproxyServer("old", "127.0.0.1", "18899", 0, 0x01, 0), // in maintenance: being deleted
        ], Ct);

        var lines = (await File.ReadAllLinesAsync(files.PathOf("hello"), Ct)).Select(l => l.Trim()).ToList();
        Assert.Equal([
            "backend hello", "balance roundrobin",
            $"server v0 127.0.0.1:18900 weight 0 {HaproxyConfig.ServerCheck}",
            $"server v1 127.0.0.1:18901 weight 60 {HaproxyConfig.ServerCheck}",
            $"server v2 127.0.0.1:18902 weight 40 {HaproxyConfig.ServerCheck}",
        ], lines);
        Assert.Equal(["hello.cfg"], Directory.GetFiles(files.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task EnsureExistsAsync_FileWithServers_KeepsIt()
    {
        using var temp = new TempDirectory();
        var files = new HaproxyBackendFiles(temp.Combine("backends"));
        await files.WriteAsync("hello", [new HaproxyServer("v1", "127.0.0.1", "18901", 2, 0, 100)], Ct);

        await files.EnsureExistsAsync("hello", Ct);
        await files.EnsureExistsAsync("shop", Ct);

        Assert.Contains("server v1", await File.ReadAllTextAsync(files.PathOf("hello"), Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("server", await File.ReadAllTextAsync(files.PathOf("shop"), Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderFrontendsWithBackendFiles_IsAcceptedByHaproxyCheck()
    {
        RequiredService.Require(File.Exists("/usr/sbin/haproxy"), "haproxy", "apt-get install haproxy");
        using var temp = new TempDirectory();
        var config = temp.WriteFile("h.cfg", HaproxyConfig.RenderFrontends(temp.Combine("h.sock"), 18404, [new HaproxyApp("hello", 18000), new HaproxyApp("shop", 18001)]));
        var files = new HaproxyBackendFiles(temp.Combine("backends"));
        await files.WriteAsync("hello", [new HaproxyServer("v1", "127.0.0.1", "18901", 2, 0, 100)], Ct);
        await files.EnsureExistsAsync("shop", Ct);

        var check = await ToolProcess.RunAsync("/usr/sbin/haproxy", ["-c", "-f", config, "-f", files.Directory], Ct);

        Assert.True(check.ExitCode == 0, check.Error);
        Assert.DoesNotContain(File.ReadAllLines(config), l => l.StartsWith("backend ", StringComparison.Ordinal));
    }
}
