using System.Globalization;
using System.Text.RegularExpressions;
using ContainerCloudBuild.Packaging.Tests.Support;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Packaging.Tests;

/// <summary>
/// A team's first day: the packed template pack installed into a private CLI home, a canary service generated with GitLab CI
/// in a temp folder, its own <c>./build.sh Deploy</c> (compile, test, image FROM the locally made runtime image, push to
/// the stack's registry, canary rollout behind HAProxy with Prometheus) on this Docker engine, its report, and its
/// generated <c>.gitlab-ci.yml</c> under gitlab-ci-local.
/// </summary>
public sealed partial class NewServiceEndToEndTests(PackedFeed feed) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);
    private readonly PrivateTemplateHive _hive = new();
    private readonly TempDirectory _work = new("ccb-e2e-new");
    private readonly TempDirectory _state = new("ccb-e2e-state");

    [Fact]
    public async Task NewCanaryService_DeployedWithItsOwnBuild_AnswersThroughTheRouterReportsTheRolloutAndPassesItsGitLabPipeline()
    {
        var gitlabCiLocal = GitLabCiLocal.Require();
        DockerHostStack.Require();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout); // a hang anywhere (build, rollout, pipeline) kills the process tree and fails the test
        var ct = timeout.Token;
        var registryPort = FreePort.Next();
        var routerPort = FreePort.Next();
        var stack = new Dictionary<string, string>
        {
            ["STATE_DIRECTORY"] = _state.Path,
            ["REGISTRY_PORT"] = registryPort.ToString(CultureInfo.InvariantCulture),
            ["HAPROXY_METRICS_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["PROMETHEUS_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        };
        var root = _work.Combine("orders");

        var baseImage = await RuntimeBaseImage.EnsureAsync(_state.Combine("base-image"), ct);
        await _hive.InstallAsync(feed, _work.Path, ct);
        (await DotNetCli.RunAsync(_work.Path, _hive.Environment, ct, "new", "ccb-service", "-n", "Orders", "-o", "orders",
            "--registry", $"127.0.0.1:{registryPort}", "--harbor-project", "e2e", "--namespace", "e2e", "--strategy", "canary", "--ci", "gitlab",
            "--feed", feed.Directory)).EnsureSuccess("dotnet new ccb-service");
        await Git(root, ct, "init", "-q", "-b", "main");
        await Git(root, ct, "add", "-A");
        await Git(root, ct, "-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", "commit", "-q", "-m", "dotnet new ccb-service");

        try
        {
            var deploy = await DotNetCli.RunProcessAsync("/bin/bash", root, stack,
                ["./build.sh", "Deploy", "--base-image", baseImage, "--set", $"rollout.routerPort={routerPort}"], ct);
            TestContext.Current.TestOutputHelper?.WriteLine(deploy.Output);
            deploy.EnsureSuccess("./build.sh Deploy of the generated service");
            var status = await DotNetCli.RunProcessAsync("git", root, new Dictionary<string, string>(), ["status", "--porcelain", "--ignored=no"], ct);
            Assert.True(status.Output.Length == 0, "the build left files git does not ignore:\n" + status.Output);
            var revision = StableRevision().Match(deploy.Output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no stable revision in:\n" + deploy.Output);

            using var http = new HttpClient();
            var answer = await http.GetStringAsync(new Uri($"http://127.0.0.1:{routerPort}/"), ct);
            Assert.StartsWith("Orders ", answer, StringComparison.Ordinal);

            var report = await File.ReadAllTextAsync(Path.Combine(root, ".nuke", "temp", "report.html"), ct);
            Assert.True(File.Exists(Path.Combine(root, ".nuke", "temp", "last-run.json")));
            var rollout = report[report.IndexOf("<section class=\"rollout\" data-app=\"orders\">", StringComparison.Ordinal)..];
            Assert.Contains("rollout-verdict completed", rollout, StringComparison.Ordinal);
            Assert.Contains(revision, rollout, StringComparison.Ordinal);

            // Only the test job: the deploy jobs need a registry password and a deploy target nobody gives a local runner, and
            // the Deploy above already ran the build they call. The test job is the one every push and merge request runs.
            var pipeline = await DotNetCli.RunProcessAsync(gitlabCiLocal, root, stack,
                ["--force-shell-executor", "--shell-isolation", "--variable", "GITLAB_CI=true", "--variable", $"NUGET_PACKAGES={NuGetPackagesFolder}", "test"], ct);
            TestContext.Current.TestOutputHelper?.WriteLine(pipeline.Output);
            Assert.True(pipeline.ExitCode == 0, pipeline.Output);
            Assert.Matches(@" PASS  test\s", pipeline.Output);
            Assert.Matches(@"test\s+> Running Test on GitLab CI\.", pipeline.Output);
            Assert.DoesNotContain("deploy-staging", pipeline.Output, StringComparison.Ordinal);
            Assert.Contains("<title>Build Test: succeeded</title>",
                await File.ReadAllTextAsync(Path.Combine(root, ".gitlab-ci-local", "artifacts", "test", ".nuke", "temp", "report.html"), ct), StringComparison.Ordinal);
        }
        finally
        {
            await CleanUpAsync(root, stack, registryPort);
        }
    }

    [GeneratedRegex(@"stable:\s+(\S+)")]
    private static partial Regex StableRevision();

    /// <summary>The packages folder exactly as NuGet names it outside the pipeline, so the job restores into this machine's cache.</summary>
    private static string NuGetPackagesFolder => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages") + Path.DirectorySeparatorChar;

    private static async Task Git(string root, CancellationToken ct, params string[] args) =>
        (await DotNetCli.RunProcessAsync("git", root, new Dictionary<string, string>(), args, ct)).EnsureSuccess("git " + string.Join(' ', args));

    /// <summary>The stack and the service's containers (its own StackDown), then the images its build made.</summary>
    private static async Task CleanUpAsync(string root, IReadOnlyDictionary<string, string> stack, int registryPort)
    {
        using var cleanup = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        if (File.Exists(Path.Combine(root, "build", "bin", "Debug", "net10.0", "_build.dll")))
            await DotNetCli.RunProcessAsync("/bin/bash", root, stack, ["./build.sh", "StackDown"], cleanup.Token);
        var images = await DotNetCli.RunProcessAsync("docker", root, stack,
            ["image", "ls", "--format", "{{.Repository}}:{{.Tag}}", $"127.0.0.1:{registryPort}/e2e/orders"], cleanup.Token);
        var tags = images.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tags.Length > 0)
            await DotNetCli.RunProcessAsync("docker", root, stack, ["image", "rm", "-f", .. tags], cleanup.Token);
    }

    public void Dispose()
    {
        _work.Dispose();
        _state.Dispose();
        _hive.Dispose();
    }
}
