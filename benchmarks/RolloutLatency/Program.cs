using System.Diagnostics;
using System.Globalization;
using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.CiHosts;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Images;
using ContainerCloudBuild.RolloutLatency;
using ContainerCloudBuild.Secrets;

// dotnet run -c Release --project benchmarks/RolloutLatency -- [cycles] [--rate 200] [--connections 4] [--steady 10] [--tail 5] [--settle 5] [--compare-warmup] [--compare-cpu-weight] [--compare-router-weight] [--compare-containers-weight] [--compare-pipeline-nice] [--compare-env NAME=VALUE] [--compare-ready-to-run] [--ready-to-run] [--cpu-breakdown] [--load-priority-high] [--env NAME=VALUE]... [--set key=value]...
// Uses (and starts when needed) the local stack of ./build.sh StackUp: registry 127.0.0.1:5000, HAProxy 18000, Prometheus 9090.
// Internal: `load <url> <rate> <connections> <csv>` is the load process this benchmark starts; `cpu-sample <csv> <pipeline pid> <load pid> <ms>` the CPU-time sampler (--cpu-breakdown).
if (args.Length > 0 && args[0] == "load")
    return ClosedLoopLoad.Run(new Uri(args[1]), int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), args[4]);
if (args.Length > 0 && args[0] == "cpu-sample")
    return CpuTimeSampler.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture));

var cycles = args.FirstOrDefault(a => char.IsAsciiDigit(a[0])) is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
var rate = IntOption("--rate", 200);
var connections = IntOption("--connections", 4);
var steady = TimeSpan.FromSeconds(IntOption("--steady", 10));
var tail = TimeSpan.FromSeconds(IntOption("--tail", 5));
var settle = TimeSpan.FromSeconds(IntOption("--settle", 5));
var compareWarmup = args.Contains("--compare-warmup"); // odd cycles with the values' warm-up, even cycles without
var comparePriority = args.Contains("--compare-cpu-weight"); // odd cycles start candidates at a low CPU weight until ready, even cycles at the normal one (the values' default)
var compareRouterWeight = args.Contains("--compare-router-weight"); // odd cycles: HAProxy at CPU weight 8192, even cycles: Docker's 1024
var compareContainersWeight = args.Contains("--compare-containers-weight"); // odd cycles: Docker's container group at CPU shares 8192, even cycles: 1024
var comparePipelineNice = args.Contains("--compare-pipeline-nice"); // odd cycles: the pipeline's threads at nice 10, even cycles: 0
var compareEnv = args.Select((a, i) => (a, i)).Where(p => p.a == "--compare-env").Select(p => args[p.i + 1].Split('=', 2)).ToList(); // odd cycles' candidates get these variables, even cycles' not
var compareReadyToRun = args.Contains("--compare-ready-to-run"); // odd cycles deploy the sample published ReadyToRun, even cycles without (JIT only)
var readyToRun = args.Contains("--ready-to-run") ? true : args.Contains("--no-ready-to-run") ? false : (bool?)null; // every cycle with / without; default: as the sample's project says
var cpuBreakdown = args.Contains("--cpu-breakdown"); // CPU ms per component (containers, dockerd, containerd, shims, pipeline) per rollout window
var loadPriorityHigh = args.Contains("--load-priority-high"); // the load process at nice -11: it stands for clients on other machines
var sets = args.Select((a, i) => (a, i)).Where(p => p.a == "--set").Select(p => args[p.i + 1]).ToList(); // values overrides, as Deploy's --set
var compareSets = args.Select((a, i) => (a, i)).Where(p => p.a == "--compare-set").Select(p => args[p.i + 1]).ToList(); // odd cycles deploy with these values overrides too (steady windows included), even cycles without
var extraEnv = args.Select((a, i) => (a, i)).Where(p => p.a == "--env").Select(p => args[p.i + 1].Split('=', 2)).ToList();
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(30));
var ct = cts.Token;
var root = RepositoryRoot();
var work = Directory.CreateTempSubdirectory("ccb-latency-").FullName;
var output = new MemoryBuildOutput();
var console = new BuildConsole(output, new SecretMasker());
var events = new RunEventLog(TimeProvider.System);
var context = new BuildContext(new AbsolutePath(root), console, console.Masker, TimeProvider.System, new Dictionary<string, string?>(), new LocalHost(), events);
var options = new DeployOptions { StateDirectory = Path.Combine(root, ".state"), TemplatesDirectory = Path.Combine(root, "templates", "manifests") };
try
{
    using var deploy = new DockerHostDeploy(context, options);
    var service = await ReadServiceAsync(sets);
    var comparedService = compareSets.Count > 0 ? await ReadServiceAsync([.. sets, .. compareSets]) : service;
    await deploy.EnsureStackAsync([service], ct);
    using var docker = DockerEngine.CreateClient();
    var images = await SampleImages.BuildAsync(docker, root, $"127.0.0.1:{options.RegistryPort}", work, compareReadyToRun ? true : readyToRun, "", ct);
    var jitImages = compareReadyToRun ? await SampleImages.BuildAsync(docker, root, $"127.0.0.1:{options.RegistryPort}", work, false, "-jit", ct) : images;
    await SampleImages.RemoveUnusedAsync(docker, $"127.0.0.1:{options.RegistryPort}", ct);
    var url = new Uri($"http://127.0.0.1:{service.Rollout.RouterPort}/version");
    var next = 0;
    await RolloutAsync(DeployStrategy.BlueGreen); // something serves before the load starts

    var csv = Path.Combine(work, "samples.csv");
    using var load = Process.Start(new ProcessStartInfo("dotnet", [typeof(ClosedLoopLoad).Assembly.Location, "load", url.ToString(), $"{rate}", $"{connections}", csv])
    {
        RedirectStandardInput = true, UseShellExecute = false,
    }) ?? throw new InvalidOperationException("Could not start the load process.");
    if (loadPriorityHigh)
        load.PriorityClass = ProcessPriorityClass.High;
    Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores, shared with other work); {rate} req/s over {connections} connections");
    var cpuCsv = Path.Combine(work, "cpu.csv");
    using var cpuSampler = cpuBreakdown
        ? Process.Start(new ProcessStartInfo("dotnet", [typeof(CpuTimeSampler).Assembly.Location, "cpu-sample", cpuCsv, $"{Environment.ProcessId}", $"{load.Id}", "250"])
        {
            RedirectStandardInput = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start the CPU-time sampler.")
        : null;
    await using var throttling = new CpuThrottleSampler(docker, service.Name);
    throttling.Start();
    await Task.Delay(TimeSpan.FromSeconds(5), ct); // warm-up of the client and the serving revision, not counted
    var windows = new List<LatencyWindow>();
    for (var cycle = 1; cycle <= cycles; cycle++)
    {
        var warm = !compareWarmup || cycle % 2 == 1;
        var lowWeight = comparePriority ? cycle % 2 == 1 : service.Rollout.LowCpuWeightUntilReady;
        var routerHigh = compareRouterWeight && cycle % 2 == 1;
        var withEnv = compareEnv.Count > 0 && cycle % 2 == 1;
        var containersHigh = compareContainersWeight && cycle % 2 == 1;
        var pipelineNiced = comparePipelineNice && cycle % 2 == 1;
        var jit = compareReadyToRun && cycle % 2 == 0;
        var cycleService = compareSets.Count > 0 && cycle % 2 == 1 ? comparedService : service;
        var suffix = (compareSets.Count > 0 && cycle % 2 == 1 ? " (" + string.Join(' ', compareSets) + ")" : "") + (withEnv ? " (" + string.Join(' ', compareEnv.Select(e => $"{e[0]}={e[1]}")) + ")" : "") + (jit ? " (JIT only)" : compareReadyToRun ? " (ReadyToRun)" : "") + (compareWarmup && !warm ? " (no warm-up)" : "") + (comparePriority && !lowWeight ? " (normal CPU weight)" : "")
            + (routerHigh ? " (router weight 8192)" : "") + (containersHigh ? " (containers group 8192)" : "") + (pipelineNiced ? " (pipeline nice 10)" : "");
        if (compareContainersWeight)
            ContainersCpuGroup.Set(containersHigh ? 8 * ContainersCpuGroup.Default : ContainersCpuGroup.Default);
        if (comparePipelineNice && PipelineNice.Set(pipelineNiced ? 10 : 0) is > 0 and var failed)
            Console.WriteLine($"warning: {failed} thread(s) of the pipeline kept their nice value");
        if (compareRouterWeight)
            await RouterCpuWeight.SetAsync(docker, routerHigh ? 8 * RouterCpuWeight.Default : RouterCpuWeight.Default, ct);
        if (compareSets.Count > 0 || compareEnv.Count > 0)
            await RolloutAsync(DeployStrategy.BlueGreen, env: withEnv ? compareEnv : [], svc: cycleService); // not counted: the steady windows of this cycle are served with its values and environment
        foreach (var strategy in new[] { DeployStrategy.BlueGreen, DeployStrategy.Canary })
        {
            await Task.Delay(settle, ct); // not counted: the last rollout's revision has served for tail + settle seconds
            var (steadyStart, steadyCpu) = (DateTimeOffset.UtcNow, Cpu());
            await Task.Delay(steady, ct);
            windows.Add(new LatencyWindow("steady" + suffix, cycle, steadyStart, DateTimeOffset.UtcNow, Cpu() - steadyCpu));
            var (rolloutStart, rolloutCpu) = (DateTimeOffset.UtcNow, Cpu());
            await RolloutAsync(strategy, warm, lowWeight, withEnv ? compareEnv : [], jit ? jitImages : images, cycleService);
            await Task.Delay(tail, ct); // the pipeline still runs after the result (scale-down, history, the next target)
            windows.Add(new LatencyWindow((strategy == DeployStrategy.BlueGreen ? "blue-green" : "canary") + suffix, cycle, rolloutStart, DateTimeOffset.UtcNow, Cpu() - rolloutCpu));
            Console.WriteLine($"cycle {cycle} {windows[^1].Kind}: {(windows[^1].End - rolloutStart).TotalSeconds:0.0} s, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }
    }
    load.StandardInput.Close();
    await load.WaitForExitAsync(ct);
    if (cpuSampler is not null)
    {
        cpuSampler.StandardInput.Close();
        await cpuSampler.WaitForExitAsync(ct);
    }
    Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
    var samples = File.ReadAllLines(csv).Select(LatencySample.FromCsv).ToList();
    if (Environment.GetEnvironmentVariable("LATENCY_SAMPLES") is { Length: > 0 } keep)
        File.Copy(csv, keep, overwrite: true);
    Console.WriteLine();
    foreach (var healthy in events.Events.Where(e => e.Kind == "rollout.Healthy"))
        Console.WriteLine(healthy.Message[(healthy.Message.IndexOf(' ') + 1)..]);
    Console.WriteLine();
    Console.Write(LatencyReport.Markdown(samples, windows, events.Events, throttling.Events, slowMs: 10));
    if (cpuSampler is not null)
    {
        Console.WriteLine();
        Console.Write(CpuBreakdown.Markdown([.. File.ReadLines(cpuCsv).Select(CpuReading.FromCsv)], windows, events.Events));
    }
    return 0;

    async Task RolloutAsync(DeployStrategy strategy, bool warm = true, bool lowWeight = true, IReadOnlyList<string[]>? env = null, IReadOnlyList<ContainerCloudBuild.Abstractions.ImageReference>? from = null, ServiceDefinition? svc = null)
    {
        svc ??= service;
        var image = (from ?? images)[next++ % images.Count];
        var rollout = svc.Rollout with { Warmup = warm ? svc.Rollout.Warmup : null, LowCpuWeightUntilReady = lowWeight };
        var variables = new Dictionary<string, string>(svc.EnvironmentVariables); // a compared variable overrides the values' own
        foreach (var e in env ?? [])
            variables[e[0]] = e[1];
        var result = await deploy.RolloutAsync(svc with { Rollout = rollout, EnvironmentVariables = variables }, image, strategy, ct);
        if (!result.Succeeded)
            throw new InvalidOperationException($"{strategy} of {image}: {result.Message}");
    }

    async Task<ServiceDefinition> ReadServiceAsync(IReadOnlyList<string> overrides)
    {
        var read = await deploy.ReadServiceAsync(Path.Combine(root, "templates", "samples", "hello-service"), null, overrides, ct);
        return extraEnv.Count == 0 ? read
            : read with { EnvironmentVariables = read.EnvironmentVariables.Concat(extraEnv.Select(e => KeyValuePair.Create(e[0], e[1]))).ToDictionary() };
    }
}
catch
{
    Console.Error.WriteLine(output.Text);
    throw;
}
finally
{
    if (compareContainersWeight)
        ContainersCpuGroup.Set(ContainersCpuGroup.Default);
    Directory.Delete(work, recursive: true);
}

static TimeSpan Cpu()
{
    using var self = Process.GetCurrentProcess();
    return self.TotalProcessorTime;
}

int IntOption(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "ContainerCloudBuild.sln")))
            return dir.FullName;
    }
    throw new InvalidOperationException("Run from inside the repository (ContainerCloudBuild.sln not found above the current directory).");
}
