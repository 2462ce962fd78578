using System.Diagnostics;
using System.Globalization;
using ContainerCloudBuild.Kubernetes.Testing;
using ContainerCloudBuild.Manifests;
using k8s;
using k8s.Models;

// benchmarks/KubernetesApply/run.sh [repetitions=5] [services=25]: publishes ccb-apply (ReadyToRun), then runs this with
// CCB_APPLY=<published ccb-apply>.
// Renders <services> services (8 resources each: ServiceAccount, ConfigMap, Service, Deployment, HPA, PDB, Ingress,
// NetworkPolicy; 25 x 8 = 200) into one folder, starts the fake API server (controllers off: a bare store), then per
// repetition applies the folder into a fresh namespace twice, alternating who goes first: `ccb-apply` (our adapter, a
// whole process) and `kubectl apply --server-side -f <dir>` (a whole process). Prints each time and the medians.
// CCB_APPLY_BASELINE=<another ccb-apply build> adds it to the rotation (A/B on the same server). Each process's CPU time
// (user + sys, from /usr/bin/time when installed) is printed next to its wall time.
var repetitions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var services = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 25;
var root = Path.Combine(Path.GetTempPath(), "ccb-apply-bench-" + Guid.NewGuid().ToString("N")[..8]);
var manifests = Path.Combine(root, "manifests");
Directory.CreateDirectory(manifests);
try
{
    var templates = FindUp("templates/manifests");
    var renderer = new ManifestRenderer();
    var resources = 0;
    for (var i = 1; i <= services; i++)
    {
        var folder = Path.Combine(root, "services", $"svc{i:00}");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "values.yaml"), $"""
            name: svc{i:00}
            image:
              repository: registry.example/team/svc{i:00}
              tag: "1.0.{i}"
            config:
              enabled: true
              data:
                GREETING: hello
            autoscaling:
              enabled: true
            pdb:
              enabled: true
            ingress:
              enabled: true
              host: svc{i:00}.example.com
            networkPolicy:
              enabled: true
            """);
        var result = await renderer.RenderAsync(RenderRequest.ForService(templates, folder, null) with { OutputDirectory = manifests }, CancellationToken.None);
        if (!result.Success)
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        resources += result.Documents.Count;
    }
    Console.WriteLine($"{services} services, {resources} resources in {manifests}");

    await using var api = await FakeKubeApiServer.StartAsync(new FakeKubeApiServerOptions { RunControllers = false }, CancellationToken.None);
    var kubeconfig = Path.Combine(root, "kubeconfig");
    api.WriteKubeconfig(kubeconfig);
    using var client = api.CreateClient();
    var applyExe = Environment.GetEnvironmentVariable("CCB_APPLY") ?? throw new InvalidOperationException("Set CCB_APPLY to the published ccb-apply (benchmarks/KubernetesApply/run.sh does).");
    var baselineExe = Environment.GetEnvironmentVariable("CCB_APPLY_BASELINE");
    var contestants = new List<(string Name, List<(double Wall, double Cpu)> Times, Func<string, ProcessStartInfo> Start)>
    {
        ("ccb-apply", [], ns => Start(applyExe, kubeconfig, manifests, ns)),
        ("kubectl", [], ns => Start("kubectl", "--kubeconfig", kubeconfig, "apply", "--server-side", "-n", ns, "-f", manifests)),
    };
    if (!string.IsNullOrEmpty(baselineExe))
        contestants.Insert(1, ("baseline", [], ns => Start(baselineExe, kubeconfig, manifests, ns)));
    for (var run = 1; run <= repetitions + 1; run++)
    {
        var warmup = run == 1;
        var order = contestants.Skip(run % contestants.Count).Concat(contestants.Take(run % contestants.Count));
        foreach (var (name, times, start) in order)
        {
            var ns = $"{name.Replace("ccb-", "", StringComparison.Ordinal)}-{run}";
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
            var (elapsed, cpu) = await TimeAsync(start(ns));
            var stored = api.Store.Catalog.All.Where(t => t.Namespaced).Sum(t => api.Store.List(t, ns).Count(o => o["metadata"]?["labels"]?["app.kubernetes.io/managed-by"]?.GetValue<string>() == "ContainerCloudBuild"));
            if (stored < resources)
                throw new InvalidOperationException($"{name} left {stored} of {resources} resources in {ns}");
            Console.WriteLine($"run {run}{(warmup ? " (warm-up)" : "")}: {name,-9} {elapsed,7:F0} ms, CPU {cpu,5:F0} ms ({stored} resources in {ns})");
            if (!warmup)
                times.Add((elapsed, cpu));
        }
    }
    foreach (var (name, times, _) in contestants)
        Console.WriteLine($"median of {repetitions}: {name,-9} {Median([.. times.Select(t => t.Wall)]),5:F0} ms, CPU {Median([.. times.Select(t => t.Cpu)]),5:F0} ms");
    var (m1, m2) = (Median([.. contestants[0].Times.Select(t => t.Wall)]), Median([.. contestants[^1].Times.Select(t => t.Wall)]));
    Console.WriteLine($"median of {repetitions}: ccb-apply {m1:F0} ms, kubectl apply --server-side {m2:F0} ms, {m2 / m1:F1}x");
    return 0;
}
finally
{
    Directory.Delete(root, recursive: true);
}

static ProcessStartInfo Start(string file, params string[] arguments)
{
    // /usr/bin/time reports the process's user and sys CPU (to its own file, so stderr stays the program's).
    var timed = File.Exists(TimeTool);
    var start = new ProcessStartInfo(timed ? TimeTool : file) { RedirectStandardOutput = true, RedirectStandardError = true };
    if (timed)
    {
        start.Environment["CCB_BENCH_CPU_FILE"] = Path.GetTempFileName();
        foreach (var argument in new[] { "-f", "%U %S", "-o", start.Environment["CCB_BENCH_CPU_FILE"]!, file })
            start.ArgumentList.Add(argument);
    }
    foreach (var argument in arguments)
        start.ArgumentList.Add(argument);
    return start;
}

static async Task<(double Wall, double Cpu)> TimeAsync(ProcessStartInfo start)
{
    var watch = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    watch.Stop();
    if (process.ExitCode != 0)
        throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
    if (Environment.GetEnvironmentVariable("CCB_APPLY_BENCH_VERBOSE") == "1")
        Console.WriteLine((await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault());
    var cpu = double.NaN;
    if (start.Environment.TryGetValue("CCB_BENCH_CPU_FILE", out var cpuFile) && cpuFile is not null)
    {
        var fields = (await File.ReadAllTextAsync(cpuFile)).Split(' ', '\n');
        cpu = (double.Parse(fields[0], CultureInfo.InvariantCulture) + double.Parse(fields[1], CultureInfo.InvariantCulture)) * 1000;
        File.Delete(cpuFile);
    }
    return (watch.Elapsed.TotalMilliseconds, cpu);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static string FindUp(string relative)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, relative);
        if (Directory.Exists(candidate))
            return candidate;
    }
    throw new DirectoryNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
}

internal static partial class Program
{
    private const string TimeTool = "/usr/bin/time";
}
