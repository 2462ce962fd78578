using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Secrets;

// ccb-apply <kubeconfig> <folder> <namespace>: server-side applies every *.yaml of the folder through the adapter's
// ManifestApplier (field manager, applyset record, pruning: what Deploy does), one service per app.kubernetes.io/instance,
// all services in one apply. Prints one line per service and the phases; exit 1 on any failure.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: ccb-apply <kubeconfig> <folder> <namespace>");
    return 2;
}
var (kubeconfig, folder, ns) = (args[0], args[1], args[2]);
var clock = System.Diagnostics.Stopwatch.StartNew();
var masker = new SecretMasker();
try
{
    using var connection = ClusterConnection.Open(new ClusterAccessOptions { KubeconfigPath = kubeconfig, Namespace = ns }, masker);
    var connected = clock.ElapsedMilliseconds;
    var api = new KubeApi(connection);
    var services = await ManifestFolder.ReadAsync(folder, CancellationToken.None);
    var loaded = clock.ElapsedMilliseconds;
    var reports = await new ManifestApplier(api, connection.Namespace, _ => { }).ApplyAsync(services, new ApplyOptions(), CancellationToken.None);
    for (var i = 0; i < services.Count; i++)
        Console.WriteLine($"{services[i].Service}: {reports[i].Applied.Count} applied, {reports[i].Pruned.Count} pruned");
    Console.WriteLine($"phases: connect {connected} ms, load {loaded - connected} ms, apply {clock.ElapsedMilliseconds - loaded} ms");
    return 0;
}
catch (Exception e) when (e is KubeApiException or ClusterAccessException or InvalidDataException or InvalidOperationException)
{
    Console.Error.WriteLine(masker.Apply(e.Message));
    return 1;
}
