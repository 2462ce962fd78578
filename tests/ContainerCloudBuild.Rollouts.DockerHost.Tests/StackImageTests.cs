using ContainerCloudBuild.Rollouts.DockerHost.Stack;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

public sealed class StackImageTests
{
    [Fact]
    public void ParseLdd_DebianHaproxyOutput_ReturnsLibrariesAndLoaderButNotTheVdso()
    {
        const string output = """
            	linux-vdso.so.1 (0x00007fe3916a7000)
            	libssl.so.3 => /lib/x86_64-linux-gnu/libssl.so.3 (0x00007fe391157000)
            	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007fe39094e000)
            	/lib64/ld-linux-x86-64.so.2 (0x00007fe3916a9000)
            """;

        Assert.Equal(["/lib/x86_64-linux-gnu/libssl.so.3", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"], StackImage.ParseLdd(output));
    }

    [Fact]
    public async Task SharedLibrariesAsync_Haproxy_ListsFilesThatExist()
    {
        ContainerCloudBuild.Testing.RequiredService.Require(File.Exists("/usr/sbin/haproxy"), "haproxy", "apt-get install haproxy");

        var libraries = await StackImage.SharedLibrariesAsync("/usr/sbin/haproxy", TestContext.Current.CancellationToken);

        Assert.Contains(libraries, l => l.EndsWith("/libc.so.6", StringComparison.Ordinal));
        Assert.All(libraries, l => Assert.True(File.Exists(l), l));
    }
}
