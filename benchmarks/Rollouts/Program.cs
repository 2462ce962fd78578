using System.Globalization;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Benchmarks;
using ContainerCloudBuild.Rollouts.Testing;

// dotnet run -c Release --project benchmarks/Rollouts -- [runs] [rate]
// Needs: Docker engine on /var/run/docker.sock, /usr/sbin/haproxy, busybox-static.
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(15));
var ct = cts.Token;
await using var stack = await BenchStack.StartAsync(ct);
var controller = stack.Target.Controller;
var first = await controller.DeployBlueGreenAsync(new BlueGreenSpec { App = BenchStack.App, Revision = "r0", Workload = await stack.WorkloadAsync("r0", ct) }, ct);
if (!first.Succeeded)
    throw new InvalidOperationException(first.Message);

Console.WriteLine($"| run | strategy | requests | failed | Promote -> 100% new (ms) | rollout (s) |");
Console.WriteLine($"|-----|----------|----------|--------|--------------------------|-------------|");
var promoteLatencies = new List<double>();
var previous = "r0";
for (var run = 1; run <= runs * 2; run++)
{
    var revision = $"r{run}";
    var workload = await stack.WorkloadAsync(revision, ct);
    var blueGreen = run % 2 == 1;
    using var load = new LoadGenerator();
    load.Start(stack.Url, rate, TimeSpan.FromSeconds(60));
    await Task.Delay(500, ct);
    var started = load.NowMs;
    double promoteMs = double.NaN;
    RolloutResult result;
    if (blueGreen)
    {
        var rollout = controller.DeployBlueGreenAsync(new BlueGreenSpec
        {
            App = BenchStack.App, Revision = revision, Workload = workload, AutoPromote = false, ScaleDownDelay = TimeSpan.FromSeconds(1),
        }, ct);
        while (stack.Events.Last(RolloutEventKind.AwaitingPromotion)?.Revision != revision)
            await Task.Delay(20, ct);
        await Task.Delay(500, ct);
        using var secondShell = stack.SecondShell(); // what a second process builds; Promote travels through the command file
        var promoteAt = load.NowMs;
        await secondShell.Controller.PromoteAsync(BenchStack.App, full: false, ct);
        result = await rollout;
        await Task.Delay(300, ct);
        var samples = await load.StopAsync();
        promoteMs = Math.Max(0, samples.Where(s => s.Body == previous).Select(s => s.StartMs).DefaultIfEmpty(promoteAt).Max() - promoteAt);
        promoteLatencies.Add(promoteMs);
        Report(run, "blue-green", samples, promoteMs, load.NowMs - started);
    }
    else
    {
        result = await controller.StartCanaryAsync(new CanarySpec
        {
            App = BenchStack.App, Revision = revision, Workload = workload,
            Steps = [CanaryStep.SetWeight(10), CanaryStep.Pause(TimeSpan.FromSeconds(2)), CanaryStep.SetWeight(50), CanaryStep.Pause(TimeSpan.FromSeconds(2))],
        }, ct);
        await Task.Delay(300, ct);
        var samples = await load.StopAsync();
        Report(run, "canary", samples, double.NaN, load.NowMs - started);
    }
    if (!result.Succeeded)
        throw new InvalidOperationException(result.Message);
    previous = revision;
}
promoteLatencies.Sort();
Console.WriteLine($"Promote -> 100% new version: median {promoteLatencies[promoteLatencies.Count / 2]:0} ms, max {promoteLatencies[^1]:0} ms over {promoteLatencies.Count} blue-green runs at {rate} req/s");

static void Report(int run, string strategy, IReadOnlyList<Sample> samples, double promoteMs, double elapsedMs) =>
    Console.WriteLine($"| {run} | {strategy} | {samples.Count} | {samples.Count(s => s.Failed)} | {(double.IsNaN(promoteMs) ? "-" : promoteMs.ToString("0", CultureInfo.InvariantCulture))} | {elapsedMs / 1000:0.0} |");
