using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Abstractions.Resilience;
using ContainerCloudBuild.Images.Tests.Support;
using ContainerCloudBuild.Testing;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Images.Tests;

public sealed class DockerImagePusherTests
{
    [Fact]
    public async Task PushAsync_RegistryWithoutAuth_ReturnsDigestTheRegistryServes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        await using var registry = await RegistryServer.StartAnonymousAsync(TestContext.Current.CancellationToken);
        var image = await PushScenario.BuildForAsync(docker, registry.Host, ct);

        var pushed = await PushScenario.Pusher(docker, new ListLogger<DockerImagePusher>()).PushAsync(image, null, ct);

        Assert.NotNull(pushed.Digest);
        Assert.Equal(await registry.ManifestDigestAsync(image.Repository, "1.0.0", ct), pushed.Digest);
        Assert.Equal($"{image}@{pushed.Digest}", pushed.ToString());
    }

    [Fact]
    public async Task PushAsync_TagThenPush_SecondTagHasSameDigest()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        await using var registry = await RegistryServer.StartAnonymousAsync(TestContext.Current.CancellationToken);
        var image = await PushScenario.BuildForAsync(docker, registry.Host, ct);
        var pusher = PushScenario.Pusher(docker, new ListLogger<DockerImagePusher>());
        var first = await pusher.PushAsync(image, null, ct);
        var latest = image.WithTag("latest");
        docker.Track(latest.ToString());

        await pusher.TagAsync(image.ToString(), latest, ct);
        var second = await pusher.PushAsync(latest, null, ct);

        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(first.Digest, await registry.ManifestDigestAsync(image.Repository, "latest", ct));
    }

    [Fact]
    public async Task PushAsync_BasicAuthWithRightPassword_PushesWithoutLoggingThePassword()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        const string password = "S3cret-Pa55word!";
        await using var registry = await RegistryServer.StartBasicAsync("builder", password, TestContext.Current.CancellationToken);
        var image = await PushScenario.BuildForAsync(docker, registry.Host, ct);
        var logger = new ListLogger<DockerImagePusher>();

        var pushed = await PushScenario.Pusher(docker, logger).PushAsync(image, new RegistryCredentials(registry.Host, "builder", password), ct);

        Assert.Equal(await registry.ManifestDigestAsync(image.Repository, "1.0.0", ct), pushed.Digest);
        Assert.DoesNotContain(password, logger.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushAsync_WrongPassword_ThrowsNamingRegistryAndUserButNotPassword()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        await using var registry = await RegistryServer.StartBasicAsync("builder", "right-password", TestContext.Current.CancellationToken);
        var image = await PushScenario.BuildForAsync(docker, registry.Host, ct);
        var logger = new ListLogger<DockerImagePusher>();
        const string wrong = "wrong-Pa55word";

        var ex = await Assert.ThrowsAsync<ImagePushAuthenticationException>(() =>
            PushScenario.Pusher(docker, logger).PushAsync(image, new RegistryCredentials(registry.Host, "builder", wrong), ct));

        Assert.Contains(registry.Host, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'builder'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, logger.AllText, StringComparison.Ordinal);
        Assert.Equal("builder", ex.Username);
        Assert.Null(await registry.ManifestDigestAsync(image.Repository, "1.0.0", ct));
    }

    [Fact]
    public async Task PushAsync_AuthRegistryWithoutCredentials_SaysCredentialsAreMissing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        await using var registry = await RegistryServer.StartBasicAsync("builder", "pw", TestContext.Current.CancellationToken);
        var image = await PushScenario.BuildForAsync(docker, registry.Host, ct);

        var ex = await Assert.ThrowsAsync<ImagePushAuthenticationException>(() =>
            PushScenario.Pusher(docker, new ListLogger<DockerImagePusher>()).PushAsync(image, null, ct));

        Assert.Contains("no credentials were given", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Username);
    }

    [Fact]
    public async Task PushAsync_RegistryDown_RetriesThenFailsClearly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        RegistryServer.Require();
        var host = $"127.0.0.1:{ContainerCloudBuild.Testing.FreePort.Next()}";
        var image = await PushScenario.BuildForAsync(docker, host, ct);
        var logger = new ListLogger<DockerImagePusher>();

        var ex = await Assert.ThrowsAsync<ImagePushException>(() => PushScenario.Pusher(docker, logger, PushScenario.FastRetry(3)).PushAsync(image, null, ct));

        Assert.Equal(3, ex.Attempts);
        Assert.Equal(host, ex.Registry);
        Assert.Contains($"registry {host} failed after 3 attempts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, logger.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("retrying", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PushAsync_RegistryStartsDuringBackoff_SucceedsOnRetry()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        RegistryServer.Require();
        var port = ContainerCloudBuild.Testing.FreePort.Next();
        var image = await PushScenario.BuildForAsync(docker, $"127.0.0.1:{port}", ct);
        Task<RegistryServer>? starting = null;
        var logger = new ListLogger<DockerImagePusher>((level, _) =>
        {
            if (level == LogLevel.Warning)
                starting ??= RegistryServer.StartAnonymousAsync(TestContext.Current.CancellationToken, port);
        });
        var retry = new RetryOptions { MaxAttempts = 20, BaseDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(1) };

        var pushed = await PushScenario.Pusher(docker, logger, retry).PushAsync(image, null, ct);

        await using var registry = await starting!;
        Assert.Equal(await registry.ManifestDigestAsync(image.Repository, "1.0.0", ct), pushed.Digest);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("connection refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushAsync_ImageNotBuilt_ThrowsSayingSoWithoutRetrying()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        var image = ImageReference.Parse($"127.0.0.1:5999/ccb-test/{DockerHost.UniqueName("never-built")}:1.0.0");

        var ex = await Assert.ThrowsAsync<ImagePushException>(() => PushScenario.Pusher(docker, new ListLogger<DockerImagePusher>()).PushAsync(image, null, ct));

        Assert.Contains("no such image in the Docker engine", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Attempts);
    }
}
