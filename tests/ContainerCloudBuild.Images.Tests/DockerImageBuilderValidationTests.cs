using ContainerCloudBuild.Images.Tests.Support;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Images.Tests;

/// <summary>Bad requests fail before anything is sent: the client points at a socket that does not exist.</summary>
public sealed class DockerImageBuilderValidationTests
{
    private static DockerImageBuilder UnreachableEngine() =>
        new(DockerEngine.CreateClient(new Uri("unix:///nonexistent/ccb-no-docker.sock")), new ListLogger<DockerImageBuilder>());

    [Fact]
    public async Task BuildAsync_MissingContextDirectory_ThrowsNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"ccb-missing-{Guid.NewGuid():N}");

        var ex = await Assert.ThrowsAsync<ImageBuildException>(() =>
            UnreachableEngine().BuildAsync(new ImageBuildRequest { ContextDirectory = missing }, TestContext.Current.CancellationToken));

        Assert.Contains($"Build context directory '{missing}' does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_MissingDockerfile_ThrowsNamingIt()
    {
        using var dir = new TempDirectory("ccb-ctx");

        var ex = await Assert.ThrowsAsync<ImageBuildException>(() =>
            UnreachableEngine().BuildAsync(new ImageBuildRequest { ContextDirectory = dir.Path, Dockerfile = "build/Dockerfile.prod" }, TestContext.Current.CancellationToken));

        Assert.Contains($"Dockerfile '{dir.Combine("build", "Dockerfile.prod")}' does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPPER/case:1")]
    [InlineData("app:bad tag")]
    [InlineData("app:-leadingdash")]
    public async Task BuildAsync_InvalidTag_ThrowsNamingTheTag(string tag)
    {
        using var dir = new TempDirectory("ccb-ctx");
        dir.WriteFile("Dockerfile", "FROM scratch\n");

        var ex = await Assert.ThrowsAsync<ImageBuildException>(() =>
            UnreachableEngine().BuildAsync(new ImageBuildRequest { ContextDirectory = dir.Path, Tags = [tag] }, TestContext.Current.CancellationToken));

        Assert.Contains($"Image tag '{tag}' is not a valid image reference", ex.Message, StringComparison.Ordinal);
    }
}
