using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Benchmarks.Promotion;
using ContainerCloudBuild.Registry;
using Microsoft.Extensions.Logging.Abstractions;

// Promotion of a multi-layer image between two repositories of one real registry:
// RegistryClient.PromoteAsync (cross-repository blob mount) vs docker pull + tag + push.
var repetitions = ArgOr(args, "--repetitions", 3);
var layers = ArgOr(args, "--layers", 5);
var layerMb = ArgOr(args, "--layer-mb", 20);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;

if (!Tools.OnPath("docker-registry") || !Tools.OnPath("docker"))
{
    await Console.Error.WriteLineAsync("Needs docker-registry (apt-get install docker-registry) and the docker CLI with a running dockerd.");
    return 2;
}
if (string.IsNullOrEmpty(await Tools.RunAsync("docker", ["version", "--format", "{{.Server.Version}}"], ct, allowFailure: true)))
{
    await Console.Error.WriteLineAsync("dockerd is not answering on the default socket; start it with ./build.sh Prerequisites.");
    return 2;
}

var work = Directory.CreateTempSubdirectory("ccb-promotion-bench-").FullName;
await using var registry = await LocalRegistry.StartAsync(work, ct);
var runId = Guid.NewGuid().ToString("N")[..8];
var source = new ImageReference(registry.Host, $"bench{runId}/source", "v1");
var localImages = new List<string> { source.ToString() };
try
{
    Console.WriteLine($"Registry {registry.Host}; building a {layers} x {layerMb} MB image (FROM scratch, random data) ...");
    var context = Path.Combine(work, "context");
    Directory.CreateDirectory(context);
    var dockerfile = "FROM scratch\n";
    for (var i = 1; i <= layers; i++)
    {
        await File.WriteAllBytesAsync(Path.Combine(context, $"layer{i}.bin"), RandomNumberGenerator.GetBytes(layerMb * 1024 * 1024), ct);
        dockerfile += $"COPY layer{i}.bin /data/layer{i}.bin\n";
    }
    await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), dockerfile, ct);
    await Tools.RunAsync("docker", ["build", "-q", "-t", source.ToString(), context], ct);
    await Tools.RunAsync("docker", ["push", source.ToString()], ct);
    await Tools.RunAsync("docker", ["rmi", "-f", source.ToString()], ct);
    Directory.Delete(context, recursive: true);
    var client = new RegistryClient(new HttpClient(), new RegistryClientOptions(), TimeProvider.System, NullLogger<RegistryClient>.Instance);
    var sourceDigest = (await client.ResolveAsync(source, ct)).Digest;
    Console.WriteLine($"Source {source}@{sourceDigest}\n");
    Console.WriteLine("rep  blob-mount promote (ms)  docker pull+tag+push (ms)  ratio   digests equal");

    var ours = new List<double>();
    var theirs = new List<double>();
    for (var rep = 1; rep <= repetitions; rep++)
    {
        var oursTarget = new ImageReference(registry.Host, $"bench{runId}/mount{rep}", "v1");
        var watch = Stopwatch.StartNew();
        var promoted = await new RegistryClient(new HttpClient(), new RegistryClientOptions(), TimeProvider.System,
            NullLogger<RegistryClient>.Instance).PromoteAsync(source, oursTarget, ct);
        ours.Add(watch.Elapsed.TotalMilliseconds);

        var dockerTarget = new ImageReference(registry.Host, $"bench{runId}/docker{rep}", "v1");
        localImages.Add(dockerTarget.ToString());
        await Tools.RunAsync("docker", ["rmi", "-f", source.ToString(), dockerTarget.ToString()], ct, allowFailure: true);
        watch.Restart();
        await Tools.RunAsync("docker", ["pull", "-q", source.ToString()], ct);
        await Tools.RunAsync("docker", ["tag", source.ToString(), dockerTarget.ToString()], ct);
        await Tools.RunAsync("docker", ["push", dockerTarget.ToString()], ct);
        theirs.Add(watch.Elapsed.TotalMilliseconds);
        await Tools.RunAsync("docker", ["rmi", "-f", source.ToString(), dockerTarget.ToString()], ct, allowFailure: true);

        var dockerDigest = (await client.ResolveAsync(dockerTarget, ct)).Digest;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rep,3}  {ours[^1],24:F0}  {theirs[^1],25:F0}  {theirs[^1] / ours[^1],5:F1}x  mount={promoted.Digest == sourceDigest} docker={dockerDigest == sourceDigest}"));
    }
    double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"\nmedian: blob-mount {Median(ours):F0} ms, docker pull+tag+push {Median(theirs):F0} ms => {Median(theirs) / Median(ours):F1}x faster ({layers} layers x {layerMb} MB, {repetitions} repetitions)"));
    return 0;
}
finally
{
    foreach (var image in localImages)
        await Tools.RunAsync("docker", ["rmi", "-f", image], CancellationToken.None, allowFailure: true);
}

static int ArgOr(string[] args, string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
