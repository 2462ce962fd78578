using ContainerCloudBuild.Images;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Tests.EndToEnd;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCloudBuild.Tests.Containers;

/// <summary>
/// The Dockerfiles a team starts from (the template's and the sample's) copy the application last, so a code change rebuilds
/// one step and every other one comes from the engine's build cache: each uncached step of the engine's builder is a container
/// commit (0.1-0.2 s), which made the inner loop's image build 1.1 s instead of 0.35 s (BENCHMARKS.md, "Inner loop").
/// Built for real, twice, on a busybox base with different application files.
/// </summary>
public sealed class AppLayerLastTests
{
    [Theory]
    [InlineData("templates/ccb-service/Dockerfile")]
    [InlineData("samples/hello-service/Dockerfile")]
    public async Task Dockerfile_CodeChanged_RebuildsOnlyTheApplicationStep(string dockerfile)
    {
        var ct = TestContext.Current.CancellationToken;
        RequiredService.Require(File.Exists(DockerHostStack.DockerSocket), "Docker engine", "./build.sh Prerequisites (starts dockerd)");
        RequiredService.Require(File.Exists("/bin/busybox"), "busybox-static", "apt-get install busybox-static");
        using var docker = DockerEngine.CreateClient();
        var builder = new DockerImageBuilder(docker, NullLogger<DockerImageBuilder>.Instance);
        var name = $"ccb-test/app-layer-{Guid.NewGuid():N}"[..30];
        using var baseContext = new TempDirectory("ccb-app-layer-base");
        File.Copy("/bin/busybox", baseContext.Combine("busybox"));
        // FROM scratch + busybox is the start of other tests' contexts too (a cached layer they share); the label makes this
        // test's base an image of its own, which it alone removes.
        baseContext.WriteFile("Dockerfile", $"FROM scratch\nCOPY busybox /bin/busybox\nLABEL ccb.test={name}\n");
        var baseImage = $"{name}-base:1";
        var built = new List<string>();
        var baseId = (await builder.BuildAsync(new ImageBuildRequest { ContextDirectory = baseContext.Path, Tags = [baseImage] }, ct)).ImageId;
        try
        {
            var first = await BuildAppAsync("first build");
            var second = await BuildAppAsync("second build, one line changed");

            var firstSteps = await StepsAsync(first);
            var secondSteps = await StepsAsync(second);
            Assert.True(firstSteps.Count >= 4, $"{dockerfile}: {firstSteps.Count} steps in the image's history");
            Assert.Equal(firstSteps.Skip(1), secondSteps.Skip(1)); // every step under the newest one came from the cache
            Assert.NotEqual(firstSteps[0], secondSteps[0]);
            var top = (await docker.Images.GetImageHistoryAsync(second, ct))[0];
            Assert.Contains("COPY", top.CreatedBy, StringComparison.Ordinal); // and the newest one is the application's
        }
        finally
        {
            foreach (var image in Enumerable.Reverse(built))
                await docker.Images.DeleteImageAsync(image, new() { Force = true }, CancellationToken.None);
            await docker.Images.DeleteImageAsync(baseImage, new() { NoPrune = true }, CancellationToken.None); // keeps the shared layer
        }

        async Task<string> BuildAppAsync(string content)
        {
            using var context = new TempDirectory("ccb-app-layer");
            File.Copy(Path.Combine(RepositoryRoot.Path, dockerfile), context.Combine("Dockerfile"));
            Directory.CreateDirectory(context.Combine("app"));
            context.WriteFile("app/app.txt", content);
            var result = await builder.BuildAsync(new ImageBuildRequest
            {
                ContextDirectory = context.Path,
                Tags = [$"{name}:{built.Count}"],
                BuildArgs = new Dictionary<string, string> { ["BASE_IMAGE"] = baseImage, ["APP_VERSION"] = "1.0.0" },
            }, ct);
            built.Add(result.ImageId);
            return result.ImageId;
        }

        async Task<List<string>> StepsAsync(string image) =>
            [.. (await docker.Images.GetImageHistoryAsync(image, ct)).TakeWhile(h => h.ID != baseId).Select(h => h.ID)];
    }
}
