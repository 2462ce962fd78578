using ContainerCloudBuild.Images.Tests.Support;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Images.Tests;

/// <summary>Docker itself is the oracle: the same context built by the docker CLI and by us must hold the same files.</summary>
public sealed class DockerIgnoreEquivalenceTests
{
    private const string Ignore = """
        # comment line
        *.md
        !README.md
        **/*.tmp
        docs
        !docs/keep/**
        /secret.txt
          build/
        node_modules
        !node_modules/keep-me
        sub/**/deep?.txt
        Dockerfile
        .dockerignore
        """;

    private static readonly string[] Files =
    [
        "README.md", "NOTES.md", "a.tmp", "src/b.tmp", "src/app.txt", "src/readme.md", "docs/x.txt", "docs/keep/y.txt",
        "secret.txt", "src/secret.txt", "build/out.bin", "node_modules/keep-me/index.js", "node_modules/drop/index.js",
        "sub/a/b/deep1.txt", "sub/deep2.txt", "sub/deep22.txt", "# comment line",
    ];

    [Fact]
    public async Task BuildAsync_TrickyDockerIgnore_SendsExactlyWhatDockerCliSends()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        RequiredService.Require(DockerHost.CliAvailable(), "docker CLI", "Install it with 'apt-get install docker.io'.");
        using var context = TestContexts.Create("COPY . /ctx/");
        context.WriteFile(".dockerignore", Ignore.Replace("\r", "", StringComparison.Ordinal));
        foreach (var file in Files)
            context.WriteFile(file, file);
        var cliTag = docker.Track($"{DockerHost.UniqueName()}:cli");
        var ourTag = docker.Track($"{DockerHost.UniqueName()}:ours");

        DockerHost.Cli(context.Path, "build", "-q", "-t", cliTag, ".");
        await new DockerImageBuilder(docker.Client, new ListLogger<DockerImageBuilder>())
            .BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [ourTag] }, ct);

        var byCli = ListContext(cliTag);
        var byUs = ListContext(ourTag);
        Assert.True(byCli.SequenceEqual(byUs), $"docker CLI: {string.Join(' ', byCli)}\nours: {string.Join(' ', byUs)}");
        Assert.Contains("/ctx/docs/keep/y.txt", byUs);
        Assert.Contains("/ctx/src/secret.txt", byUs);
        Assert.DoesNotContain("/ctx/NOTES.md", byUs);
        Assert.DoesNotContain("/ctx/node_modules/drop/index.js", byUs);
    }

    private static List<string> ListContext(string image) =>
        DockerHost.Cli("/", "run", "--rm", "--network", "host", "--name", DockerHost.UniqueName("ccbtest-find"), image, "/bin/busybox", "find", "/ctx")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal)
            .ToList();
}
