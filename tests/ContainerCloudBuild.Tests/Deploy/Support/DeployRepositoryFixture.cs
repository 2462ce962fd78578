using System.Globalization;
using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Tests.EndToEnd;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Tests.Deploy.Support;

/// <summary>
/// A throw-away team repository: build.sh, global.json and, as build/Build.cs, exactly the README's DeployBuild snippet
/// (no templates/manifests of its own); compiled once. Its stack runs on free ports with state in the temp folder
/// (passed as the parameters' environment variables, so command lines read like the README's). Disposal stops the stack
/// and the services' containers (<c>./build.sh StackDown</c>) and removes the images.
/// </summary>
public sealed class DeployRepositoryFixture : IAsyncLifetime
{
    private readonly List<string> _images = [];
    private readonly List<string> _apps = [];
    private readonly SemaphoreSlim _compile = new(1, 1);
    private bool _compiled;
    private IDockerClient? _docker;

    public TempDirectory Directory { get; } = new("ccb-deploy-e2e");

    public string Root => Directory.Path;

    public string BuildSource { get; } = ReadmeSnippet.DeployBuild();

    public DeployRepositoryFixture() => Environment = new Dictionary<string, string>
    {
        ["STATE_DIRECTORY"] = Directory.Combine(".state"),
        ["REGISTRY_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["HAPROXY_METRICS_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["PROMETHEUS_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The stack's ports and state folder as the build's parameters read them from the environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public ValueTask InitializeAsync()
    {
        ThrowAwayBuildRepository.Create(Directory, BuildSource, "build.sh");
        return ValueTask.CompletedTask;
    }

    /// <summary>Skips (locally) or fails (CI) when Docker, HAProxy, Prometheus, the registry or busybox-static is missing.</summary>
    public static void RequireStack()
    {
        DockerHostStack.Require();
        RequiredService.Require(BusyboxImages.Available, "busybox-static", "apt-get install busybox-static");
    }

    /// <summary>Runs <c>./build.sh args</c> to its end (compiling the build first, once).</summary>
    internal async Task<ShellRun> BuildAsync(params string[] args)
    {
        await EnsureCompiledAsync();
        return await ShellRun.RunAsync(Root, Environment, "/bin/bash", ["./build.sh", .. args]);
    }

    /// <summary>Starts <c>./build.sh args</c> without waiting (the build is compiled first, once).</summary>
    internal async Task<ShellRun> StartAsync(params string[] args)
    {
        await EnsureCompiledAsync();
        return ShellRun.Start(Root, Environment, "/bin/bash", ["./build.sh", .. args]);
    }

    /// <summary>Writes <c>services/&lt;name&gt;/values.yaml</c> (busybox httpd behind its own router port) and returns it.</summary>
    public TestService WriteService(string prefix, string extraRolloutValues)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..6];
        var port = FreePort.Next();
        Directory.WriteFile($"services/{name}/values.yaml", $"""
            name: {name}
            resources:
              limits:
                memory: 64Mi
            probes:
              readiness:
                path: /healthz
                periodSeconds: 1
                failureThreshold: 15
            rollout:
              routerPort: {port}
              drainTimeoutSeconds: 1
            {extraRolloutValues}
            """);
        lock (_apps) _apps.Add(name);
        return new TestService(name, $"services/{name}", port);
    }

    /// <summary>A local busybox image answering <paramref name="version"/> on /version; /healthz exists only when healthy.</summary>
    public async Task<string> ImageAsync(TestService service, string version, bool healthy, CancellationToken cancellationToken)
    {
        var tag = $"ccb-e2e-{service.Name}:{version}";
        await BusyboxImages.BuildAsync(Docker, tag, version, healthy, cancellationToken);
        lock (_images) _images.Add(tag);
        return tag;
    }

    private IDockerClient Docker => _docker ??= Images.DockerEngine.CreateClient();

    private async Task EnsureCompiledAsync()
    {
        await _compile.WaitAsync();
        try
        {
            if (_compiled) return;
            using var run = await ShellRun.CompileAndRunAsync(Root, Environment, "/bin/bash", "./build.sh", "--help");
            if (run.Process.ExitCode != 0)
                throw new InvalidOperationException("The README's deploy build did not compile:\n" + run.Output);
            _compiled = true;
        }
        finally
        {
            _compile.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_compiled && _apps.Count > 0)
            {
                using var down = await ShellRun.RunAsync(Root, Environment, "/bin/bash", "./build.sh", "StackDown");
            }
            if (_docker is not null)
                await RemoveLeftoversAsync(_docker);
        }
        finally
        {
            _docker?.Dispose();
            _compile.Dispose();
            Directory.Dispose();
        }
    }

    private async Task RemoveLeftoversAsync(IDockerClient docker)
    {
        foreach (var app in _apps)
        {
            var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.App}={app}"] = true } },
            });
            foreach (var container in containers)
                await docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
        foreach (var image in _images)
        {
            try { await docker.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true, NoPrune = true }); }
            catch (DockerApiException) { }
        }
    }
}

/// <summary>A service folder of the test repository: its name (= the app), the folder relative to the root, its router port.</summary>
public sealed record TestService(string Name, string Folder, int RouterPort)
{
    public Uri VersionUrl => new($"http://127.0.0.1:{RouterPort}/version");
}

/// <remarks>Not run in parallel with other tests: its build compiles this repository's src projects (see BuildScriptCollection).</remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeployRepositoryCollection : ICollectionFixture<DeployRepositoryFixture>
{
    public const string Name = "README deploy build repository";
}
