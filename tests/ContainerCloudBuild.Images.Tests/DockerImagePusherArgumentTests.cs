using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Images.Tests.Support;

namespace ContainerCloudBuild.Images.Tests;

public sealed class DockerImagePusherArgumentTests
{
    private static DockerImagePusher Pusher() =>
        new(DockerEngine.CreateClient(new Uri("unix:///nonexistent/ccb-no-docker.sock")), new ListLogger<DockerImagePusher>(), TimeProvider.System);

    [Fact]
    public async Task PushAsync_ImageWithoutTag_ThrowsBeforeContactingEngine()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            Pusher().PushAsync(ImageReference.Parse("127.0.0.1:5000/team/app"), null, TestContext.Current.CancellationToken));

        Assert.Contains("a tag is needed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushAsync_CredentialsForAnotherRegistry_AreRefused()
    {
        var credentials = new RegistryCredentials("other.example.com", "user", "pw-not-shown");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            Pusher().PushAsync(ImageReference.Parse("127.0.0.1:5000/team/app:1"), credentials, TestContext.Current.CancellationToken));

        Assert.Contains("other.example.com", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-not-shown", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:5000/Team/App:1")]
    [InlineData("127.0.0.1:5000/team/app:bad tag")]
    [InlineData("127.0.0.1:5000/team/app:1@sha256:short")]
    public void ImageReference_InvalidNameOrTag_IsRejectedWithReason(string reference)
    {
        var ex = Assert.Throws<FormatException>(() => ImageReference.Parse(reference));

        Assert.Contains($"Image reference '{reference}' is not valid", ex.Message, StringComparison.Ordinal);
    }
}
