using System.Diagnostics;
using System.Globalization;
using ContainerCloudBuild.Manifests;

// Renders and validates the full template set (all nine resources on) for N services and reports
// manifests per second. Usage: dotnet run -c Release --project benchmarks/Manifests -- [--services 1000] [--parallel]
var services = 1000;
var parallel = args.Contains("--parallel");
var index = Array.IndexOf(args, "--services");
if (index >= 0 && index + 1 < args.Length)
    services = int.Parse(args[index + 1], CultureInfo.InvariantCulture);

var templates = FindTemplates(AppContext.BaseDirectory);
var work = Path.Combine(Path.GetTempPath(), $"ccb-manifests-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(work);
try
{
    var files = Enumerable.Range(0, services).Select(i => WriteValues(work, i)).ToArray();
    var renderer = new ManifestRenderer();
    using var cts = new CancellationTokenSource();

    for (var i = 0; i < Math.Min(50, services); i++)
        await RenderAsync(renderer, templates, files[i], cts.Token);

    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var stopwatch = Stopwatch.StartNew();
    long manifests = 0;
    if (parallel)
    {
        await Parallel.ForEachAsync(files, cts.Token, async (file, ct) =>
            Interlocked.Add(ref manifests, await RenderAsync(renderer, templates, file, ct)));
    }
    else
    {
        foreach (var file in files)
            manifests += await RenderAsync(renderer, templates, file, cts.Token);
    }
    stopwatch.Stop();

    var seconds = stopwatch.Elapsed.TotalSeconds;
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"services={services} manifests={manifests} mode={(parallel ? $"parallel({Environment.ProcessorCount} cores)" : "sequential")} " +
        $"elapsed={seconds:F2}s manifests/s={manifests / seconds:F0} services/s={services / seconds:F0} " +
        $"cpu={cpu:F2}s manifests/cpu-s={manifests / cpu:F0}"));
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static async Task<int> RenderAsync(ManifestRenderer renderer, string templates, string file, CancellationToken ct)
{
    var result = await renderer.RenderAsync(new RenderRequest(templates) { ValuesFiles = [file] }, ct);
    if (!result.Success)
        throw new InvalidOperationException($"{file}: {string.Join("; ", result.Diagnostics)}");
    return result.Documents.Count;
}

static string WriteValues(string directory, int i)
{
    var name = $"svc-{i:0000}";
    var path = Path.Combine(directory, $"{name}.yaml");
    File.WriteAllText(path, $"""
        name: {name}
        namespace: tenant-{i % 20}
        tenant: tenant-{i % 20}
        image:
          repository: registry.local:5000/bench/{name}
          tag: "1.{i}.0"
        env:
          - name: INDEX
            value: "{i}"
        secretEnv:
          - name: DB_PASSWORD
            secret: {name}-db
            key: password
        config:
          enabled: true
          data:
            INDEX: "{i}"
        metrics:
          enabled: true
        topologySpread:
          enabled: true
        ingress:
          enabled: true
          tlsSecret: {name}-tls
        autoscaling:
          enabled: true
        pdb:
          enabled: true
        persistence:
          enabled: true
        networkPolicy:
          enabled: true
        external:
          secrets: [{name}-db, {name}-tls]
        """);
    return path;
}

static string FindTemplates(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "templates", "manifests");
        if (File.Exists(Path.Combine(candidate, "defaults.yaml")))
            return candidate;
    }
    throw new DirectoryNotFoundException($"templates/manifests not found above {start}.");
}
