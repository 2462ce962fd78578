using System.Diagnostics;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Containers;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.CiHosts;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Harbor;
using ContainerCloudBuild.Harbor.Testing.Server;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.Containers;

/// <summary>
/// Image -> Push -> ScanGate -> Promote as a build runs it: real Docker engine, real docker-registry
/// with Basic auth, and the Harbor test server that checks every request against swagger.yaml.
/// </summary>
public sealed class ImagePipelineTests : IAsyncLifetime
{
    private const string User = "ci";
    private const string Password = "pipeline-Pa55-9d1";
    private readonly TempDirectory _repo = new("ccb-pipeline");
    private readonly MemoryBuildOutput _output = new();
    private RegistryServer? _registry;
    private BuildContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        RequiredService.Require(File.Exists("/var/run/docker.sock"), "Docker engine", "Start dockerd (see .ci/run).");
        RequiredService.Require(RegistryServer.IsInstalled, "docker-registry", RegistryServer.HowToInstall);
        RequiredService.Require(File.Exists("/bin/busybox"), "busybox-static", "apt-get install busybox-static");
        _registry = await RegistryServer.StartBasicAsync(User, Password, TestContext.Current.CancellationToken);

        File.Copy("/bin/busybox", _repo.Combine("busybox"));
        _repo.WriteFile("Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\nENTRYPOINT [\"/bin/busybox\", \"true\"]\n");
        _repo.WriteFile(".dockerignore", "*.md\n");
        _repo.WriteFile("NOTES.md", "not in the image");
        Git("init", "-q", "-b", "main");
        Git("add", ".");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        Git("tag", "v1.2.0");
        Directory.CreateDirectory(_repo.Combine(".nuke"));
        var console = new BuildConsole(_output, new SecretMasker());
        _context = new BuildContext(new AbsolutePath(_repo.Path), console, console.Masker, TimeProvider.System,
            new Dictionary<string, string?>(), new LocalHost(), new RunEventLog(TimeProvider.System));
    }

    [Fact]
    public async Task Pipeline_BuildsTagsFromGit_PushesByDigest_GatesOnScan_PromotesWithoutPulling()
    {
        var ct = TestContext.Current.CancellationToken;
        var repository = new ImageReference(_registry!.Host, "team/app-" + Guid.NewGuid().ToString("N")[..8]);
        var credentials = new RegistryCredentials(_registry.Host, User, Password);
        await using var harbor = new HarborTestServer();

        using var images = new ImageTasks(_context);
        var tags = await images.BuildAsync(_repo.Path, repository, ct);
        Assert.Equal(["1.2.0", images.Source.ShortSha, $"main-{images.Source.ShortSha}", "latest"], tags.Select(t => t.Tag));

        var pushed = await images.PushAsync(tags, credentials, ct);
        var digest = Assert.Single(pushed.Select(p => p.Digest).Distinct());
        Assert.Equal(digest, await _registry.ManifestDigestAsync(repository.Repository, "1.2.0", ct));

        var (project, name) = HarborTasks.Split(pushed[0]);
        harbor.Model.AddArtifact(project, name, digest!, ["1.2.0"], pollsUntilScanned: 2,
            new Dictionary<string, int> { ["Medium"] = 3 });
        using (var gate = new HarborTasks(_context, harbor.BaseUrl, "admin", "Harbor12345"))
        {
            var passed = await gate.ScanGateAsync(pushed[0], Severity.High, TimeSpan.FromSeconds(30), ct);
            Assert.True(passed.Passed);
            var failing = await Assert.ThrowsAsync<InvalidOperationException>(() => gate.ScanGateAsync(pushed[0], Severity.Medium, TimeSpan.FromSeconds(30), ct));
            Assert.Contains("Medium 3", failing.Message, StringComparison.Ordinal);
        }

        using var registry = new RegistryTasks(_context, credentials);
        var promoted = await registry.PromoteAsync(pushed[0], pushed[0].WithRepository(repository.Repository + "-prod").WithTag("1.2.0"), ct);
        Assert.Equal(digest, promoted.Digest);
        Assert.Equal(digest, await _registry.ManifestDigestAsync(promoted.Repository, "1.2.0", ct));

        Assert.True(harbor.Violations.IsEmpty, "Spec violations:\n" + string.Join("\n", harbor.Violations));
        Assert.DoesNotContain(Password, _output.Text, StringComparison.Ordinal);
        Assert.Contains(_context.Events.Events, e => e.Kind == "image.promoted");
    }

    private void Git(params string[] args)
    {
        using var git = Process.Start(new ProcessStartInfo("git", args) { WorkingDirectory = _repo.Path, UseShellExecute = false })!;
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null) await _registry.DisposeAsync();
        _repo.Dispose();
    }
}
