using ContainerCloudBuild.Kubernetes;
using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Manifests;
using ContainerCloudBuild.Secrets;
using k8s;

// ccb-apply <kubeconfig> <folder> <namespace>: server-side applies every *.yaml of the folder through the adapter's
// ManifestApplier (field manager, applyset record, pruning: what Deploy does), one service per app.kubernetes.io/instance,
// the services at the same time. Prints one line per service; exit 1 on any failure.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: ccb-apply <kubeconfig> <folder> <namespace>");
    return 2;
}
var (kubeconfig, folder, ns) = (args[0], args[1], args[2]);
var clock = System.Diagnostics.Stopwatch.StartNew();
var masker = new SecretMasker();
using var connection = ClusterConnection.Open(new ClusterAccessOptions { KubeconfigPath = kubeconfig, Namespace = ns }, masker);
var connected = clock.ElapsedMilliseconds;
var api = new KubeApi((k8s.Kubernetes)connection.Client, connection.Target.ToString());

var documents = new List<(string Service, RenderedDocument Document)>();
foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
{
    var text = await File.ReadAllTextAsync(file);
    foreach (var model in KubernetesYaml.LoadAllFromString(text).OfType<IKubernetesObject<k8s.Models.V1ObjectMeta>>())
    {
        var service = model.Metadata.Labels is { } labels && labels.TryGetValue("app.kubernetes.io/instance", out var instance) ? instance : model.Metadata.Name;
        documents.Add((service, new RenderedDocument(Path.GetFileName(file), model.ApiVersion, model.Kind, model.Metadata.Name, text, model)));
    }
}
var loaded = clock.ElapsedMilliseconds;
var failed = 0;
await Task.WhenAll(documents.GroupBy(d => d.Service).Select(async group =>
{
    try
    {
        var report = await new ManifestApplier(api, ns, _ => { }).ApplyAsync(group.Key, [.. group.Select(d => d.Document)], new ApplyOptions(), CancellationToken.None);
        Console.WriteLine($"{group.Key}: {report.Applied.Count} applied, {report.Pruned.Count} pruned");
    }
    catch (KubeApiException e)
    {
        Interlocked.Increment(ref failed);
        Console.Error.WriteLine(masker.Apply($"{group.Key}: {e.Message}"));
    }
}));
Console.WriteLine($"phases: connect {connected} ms, load {loaded - connected} ms, apply {clock.ElapsedMilliseconds - loaded} ms");
return failed == 0 ? 0 : 1;
