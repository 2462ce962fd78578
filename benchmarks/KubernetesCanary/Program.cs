using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ContainerCloudBuild.Kubernetes.Testing;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.State;
using k8s;
using k8s.Models;
using KubernetesCanary;

// dotnet run -c Release --project benchmarks/KubernetesCanary -- [repetitions=5]
// Per router (nginx, gateway, openshift, replicas), in a fresh namespace of the fake API server: a first canary Deploy
// (takes 100% at once), then <repetitions> canary Deploys of a new image with 5 steps (setWeight 20, pauseUntilPromoted,
// setWeight 40, 60, 80; then 100%). For each: the API requests of the rollout (the Deploy run and the Promote run, from the
// fake's request log, by verb and resource; a watch is one request) and the time from the start of the Promote run (at a
// random point 0.2-1.2 s after the pause) to a watch on the router object seeing the candidate at 40%. Prints each
// repetition and the medians.
var repetitions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var ct = CancellationToken.None;
Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores)");
var root = Path.Combine(Path.GetTempPath(), "ccb-canary-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(root);
try
{
    await using var api = await FakeKubeApiServer.StartAsync(ct);
    var kubeconfig = Path.Combine(root, "kubeconfig");
    using var client = api.CreateClient();
    var templates = FindUp("templates/manifests");
    var summary = new List<string>();
    var phase = new Random(12);
    foreach (var router in new[] { "nginx", "gateway", "openshift", "replicas" })
    {
        var ns = $"bench-{router}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);
        api.WriteKubeconfig(kubeconfig, "fake", ns);
        var folder = Path.Combine(root, router, "orders");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "values.yaml"), Values(router), ct);
        var build = new CanaryBuild(Path.Combine(root, router), kubeconfig, folder, templates);
        await build.RequireAsync(ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:1");
        var totals = new List<int>();
        var latencies = new List<double>();
        var tallies = new List<Dictionary<string, int>>();
        for (var run = 1; run <= repetitions; run++)
        {
            api.RequestLog.Clear();
            var deploying = build.RunAsync(ct, "Deploy", "--strategy", "canary", "--deploy-image", $"registry.example/orders:{run + 1}");
            await WaitPausedAsync(api, ns, deploying);
            var clock = new Stopwatch();
            var watch = router == "replicas" ? null : RouterWatch.Start(api.BaseAddress, router, ns, $"orders-{run + 1}-", 40, clock);
            // The running Deploy takes commands on a 1 s poll that starts when it pauses: Promote at a random point of that
            // second (seeded), not always at the same phase of it. The watch's initial ADDED events arrive before the clock starts.
            await Task.Delay(200 + phase.Next(1000), ct);
            clock.Start();
            await build.RequireAsync(ct, "Promote");
            double? latency = watch is null ? null : (await watch.SeenAsync(TimeSpan.FromSeconds(30))).TotalMilliseconds;
            if (watch is not null)
                await watch.DisposeAsync();
            var (exit, output) = await deploying;
            if (exit != 0)
                throw new InvalidOperationException($"Deploy of orders:{run + 1} with {router} exited {exit}:\n{output}");
            var requests = api.RequestLog.All.Where(r => !RouterWatch.IsWatchOfRouterKind(r)).ToList();
            var tally = RequestTally.Of(requests);
            tallies.Add(tally);
            totals.Add(requests.Count);
            if (latency is { } ms)
                latencies.Add(ms);
            Console.WriteLine($"{router,-9} run {run}: {requests.Count} requests, Promote → weight 40% seen {(latency is { } l ? $"{l:F0} ms" : "(no router object)")}");
        }
        var keys = tallies.SelectMany(t => t.Keys).Distinct().Order(StringComparer.Ordinal);
        var medians = string.Join(", ", keys.Select(k => $"{k} {Median(tallies.Select(t => (double)t.GetValueOrDefault(k))):0.#}"));
        var line = $"{router,-9} median of {repetitions}: {Median(totals.Select(t => (double)t)):0} requests ({medians}); " +
                   (latencies.Count > 0 ? $"Promote → new weights {Median(latencies):F0} ms (min {latencies.Min():F0}, max {latencies.Max():F0})" : "no router object to watch");
        summary.Add(line);
    }
    Console.WriteLine();
    foreach (var line in summary)
        Console.WriteLine(line);
}
finally
{
    Directory.Delete(root, recursive: true);
    Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
}

static string Values(string router) =>
    "name: orders\nimage:\n  repository: registry.example/orders\n  tag: \"1\"\nreplicas: 2\n" + router switch
    {
        "nginx" => "ingress:\n  enabled: true\n",
        "gateway" => "ingress:\n  enabled: true\ngateway:\n  enabled: true\n  parentName: public\n",
        "openshift" => "ingress:\n  enabled: true\nopenshift:\n  enabled: true\n",
        _ => "",
    } + $"rollout:\n  trafficRouter: {router}\n  drainTimeoutSeconds: 1\n  canarySteps:\n" +
    "    - setWeight: 20\n    - pauseUntilPromoted: true\n    - setWeight: 40\n    - setWeight: 60\n    - setWeight: 80\n";

// The rollout state as the fake stores it (read in-process: no API request is counted for it).
static async Task WaitPausedAsync(FakeKubeApiServer api, string ns, Task<(int Exit, string Output)> deploying)
{
    while (!deploying.IsCompleted)
    {
        var data = api.Store.Get<V1ConfigMap>(ns, "orders-rollout")?.Data;
        if (data is not null && data.TryGetValue("state.json", out var json)
            && JsonSerializer.Deserialize<RolloutState>(json, RolloutJson.Options) is { Phase: RolloutPhase.Paused })
            return;
        await Task.Delay(20);
    }
    throw new InvalidOperationException($"the Deploy ended before pausing:\n{(await deploying).Output}");
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static string FindUp(string relative)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (Directory.Exists(Path.Combine(dir.FullName, relative)))
            return Path.Combine(dir.FullName, relative);
    throw new DirectoryNotFoundException($"No {relative} above {AppContext.BaseDirectory}.");
}
