using System.Net;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Registry.Tests.Support;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Registry.Tests;

/// <summary>An image built and pushed by the real Docker engine, promoted by blob mount.</summary>
public sealed class DockerImagePromotionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Promote_DockerPushedBusyboxImage_MountsLayersAndKeepsDigest()
    {
        RequiredService.Require(RegistryServer.IsInstalled, "docker-registry", RegistryServer.HowToInstall);
        RequiredService.Require(DockerCli.IsAvailable, "dockerd and busybox-static",
            "Install docker.io and busybox-static and start `dockerd --bridge=none --iptables=false`.");
        await using var server = await RegistryServer.StartAnonymousAsync(Ct);
        using var context = new TempDirectory("ccb-busybox");
        File.Copy("/bin/busybox", context.Combine("busybox"));
        context.WriteFile("Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\nCOPY Dockerfile /etc/built-by\nENTRYPOINT [\"/bin/busybox\",\"true\"]\n");
        var source = new ImageReference(server.Host, "team/busybox", "1.0");
        var localImages = new List<string> { source.ToString() };
        try
        {
            await DockerCli.RunAsync(["build", "-q", "-t", source.ToString(), context.Path], Ct);
            await DockerCli.RunAsync(["push", source.ToString()], Ct);
            var pushedDigest = (await DockerCli.RunAsync(["inspect", "--format", "{{index .RepoDigests 0}}", source.ToString()], Ct)).Split('@')[1];
            var recorder = new RecordingHandler();

            var promoted = await Clients.Create(recorder).PromoteAsync(source, new ImageReference(server.Host, "prod/busybox", "stable"), Ct);

            Assert.Equal(pushedDigest, promoted.Digest);
            var mounts = recorder.Where(HttpMethod.Post, "mount=");
            Assert.Equal(3, mounts.Count); // config + two layers
            Assert.All(mounts, m => Assert.Equal(HttpStatusCode.Created, m.Status));
            localImages.Add(promoted.ToDeployString());
            var pulled = await DockerCli.RunAsync(["pull", "-q", promoted.ToDeployString()], Ct);
            Assert.Contains(promoted.Digest!, pulled, StringComparison.Ordinal);
        }
        finally
        {
            await DockerCli.RunAsync(["rmi", "-f", "--no-prune", .. localImages], CancellationToken.None, allowFailure: true);
        }
    }
}
