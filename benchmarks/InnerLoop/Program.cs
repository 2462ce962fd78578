using System.Globalization;
using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.CiHosts;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Images;
using ContainerCloudBuild.InnerLoop;
using ContainerCloudBuild.Secrets;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;

// dotnet run -c Release --project benchmarks/InnerLoop -- [runs] [--layered-only]
// Uses (and starts when needed) the local stack of ./build.sh StackUp: registry 127.0.0.1:5000, HAProxy 18000, Prometheus 9090.
var runs = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 5;
var withSelfContained = !args.Contains("--layered-only");
var sets = args.Select((a, i) => (a, i)).Where(p => p.a == "--set" && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToList(); // values overrides, as Deploy's --set
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(30));
var ct = cts.Token;
var root = RepositoryRoot();
var work = Directory.CreateTempSubdirectory("ccb-inner-loop-").FullName;
var output = new MemoryBuildOutput();
var console = new BuildConsole(output, new SecretMasker());
var events = new RunEventLog(TimeProvider.System);
var context = new BuildContext(new AbsolutePath(root), console, console.Masker, TimeProvider.System, new Dictionary<string, string?>(), new LocalHost(), events);
var options = new DeployOptions { StateDirectory = Path.Combine(root, ".state"), TemplatesDirectory = Path.Combine(root, "templates", "manifests") };
var registry = $"127.0.0.1:{options.RegistryPort}";
try
{
    using var deploy = new DockerHostDeploy(context, options);
    var service = await deploy.ReadServiceAsync(Path.Combine(root, "templates", "samples", "hello-service"), null, sets, ct);
    await deploy.EnsureStackAsync([service], ct);
    using var docker = DockerEngine.CreateClient();
    var builder = new DockerImageBuilder(docker, NullLogger<DockerImageBuilder>.Instance);
    var pusher = new DockerImagePusher(docker, NullLogger<DockerImagePusher>.Instance, TimeProvider.System);
    await new BaseImageBuilder(docker, NullLogger.Instance).BuildAsync(BaseImageBuilder.DefaultImage, Path.Combine(root, ".state", "base-image"), rebuild: false, ct);
    var runtimeImage = DotNetRuntimeImageBuilder.ImageFor(registry, DotNetInstallation.Current());
    await new DotNetRuntimeImageBuilder(docker, builder, NullLogger.Instance)
        .BuildAsync(runtimeImage, BaseImageBuilder.DefaultImage, DotNetInstallation.Current(), Path.Combine(root, ".state", "base-image"), rebuild: false, ct);

    var sample = Path.Combine(root, "samples", "hello-service");
    var layered = ImageLayout.Layered(runtimeImage, File.ReadAllText(Path.Combine(sample, "Dockerfile")));
    var selfContained = ImageLayout.SelfContained(BaseImageBuilder.DefaultImage);
    var publishOnly = new SampleCopy(root, sample, Path.Combine(work, "publish-only"));
    var copies = new Dictionary<ImageLayout, SampleCopy> { [layered] = new(root, sample, Path.Combine(work, "layered")) };
    if (withSelfContained)
        copies[selfContained] = new SampleCopy(root, sample, Path.Combine(work, "self-contained"));
    var loop = new InnerLoopRunner(deploy, events, builder, pusher, registry, work);

    Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores, shared with other work)");
    Console.WriteLine("warm-up (not counted): one pass of each, which also pushes the runtime layer once");
    await PublishOnlyAsync("w0");
    foreach (var (layout, copy) in copies)
        await loop.RunAsync(layout, copy, service, $"w0{layout.Name[0]}", ct);

    var report = new InnerLoopReport();
    for (var run = 1; run <= runs; run++)
    {
        report.AddPublishOnly(await PublishOnlyAsync($"p{run}"));
        foreach (var (layout, copy) in copies)
        {
            var timing = await loop.RunAsync(layout, copy, service, $"r{run}{layout.Name[0]}", ct);
            report.Add(layout.Name, timing);
            Console.WriteLine($"run {run} {layout.Name}: {timing.Total:0.00} s (publish alone {report.LastPublishOnly:0.00} s) load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }
    }
    Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine();
    Console.Write(report.Markdown([.. copies.Keys.Select(l => l.Name)]));
    await RemoveImagesAsync(docker, [.. copies.Keys.Select(l => $"{registry}/{l.Repository}")]);

    async Task<double> PublishOnlyAsync(string marker)
    {
        await publishOnly.EditAsync(marker, ct);
        return (await SampleCopy.RunDotNetAsync(SamplePublish.Arguments(publishOnly.Project, Path.Combine(work, "publish-only-out")), ct)).TotalSeconds;
    }
}
catch
{
    Console.Error.WriteLine(output.Text);
    throw;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "ContainerCloudBuild.sln")))
            return dir.FullName;
    }
    throw new InvalidOperationException("Run from inside the repository (ContainerCloudBuild.sln not found above the current directory).");
}

// Benchmark tags that no container uses any more; the one still serving stays.
static async Task RemoveImagesAsync(Docker.DotNet.IDockerClient docker, IReadOnlyList<string> repositories)
{
    var images = await docker.Images.ListImagesAsync(new ImagesListParameters(), CancellationToken.None);
    foreach (var tag in images.SelectMany(i => i.RepoTags ?? []).Where(t => repositories.Any(r => t.StartsWith(r + ":", StringComparison.Ordinal))))
    {
        try { await docker.Images.DeleteImageAsync(tag, new ImageDeleteParameters(), CancellationToken.None); }
        catch (Docker.DotNet.DockerApiException) { }
    }
}
