using System.Threading.Channels;
using ContainerCloudBuild.Kubernetes.Rollout;
using ContainerCloudBuild.Kubernetes.Testing;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Tests.Rollout;

public sealed class WatchPumpTests
{
    [Fact]
    public async Task RunAsync_ResourceVersionTooOld_ListsAgainAndDeliversTheCurrentObject()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(new FakeKubeApiServerOptions { WatchHistoryLimit = 2, RunControllers = false }, ct);
        using var client = api.CreateClient();
        var map = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "m" }, Data = new Dictionary<string, string> { ["n"] = "0" } }, "default", cancellationToken: ct);
        var stale = await client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "metadata.name=m", cancellationToken: ct);
        for (var i = 1; i <= 5; i++)
        {
            map.Data["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            map = await client.CoreV1.ReplaceNamespacedConfigMapAsync(map, "m", "default", cancellationToken: ct);
        }
        var lists = 0;
        var channel = Channel.CreateUnbounded<object>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pump = new WatchPump<V1ConfigMap, V1ConfigMapList>(
            async c => ++lists == 1 ? stale : await client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "metadata.name=m", cancellationToken: c),
            (version, onError, c) => client.CoreV1.WatchListNamespacedConfigMapAsync("default", fieldSelector: "metadata.name=m", resourceVersion: version, onError: onError, cancellationToken: c),
            channel.Writer).RunAsync(stop.Token);

        var seen = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (!seen.Contains("5"))
            seen.Add(((V1ConfigMap)((WatchUpdate)await channel.Reader.ReadAsync(timeout.Token)).Object).Data["n"]);
        await stop.CancelAsync();
        await pump;

        Assert.Equal(["0", "5"], seen);
        Assert.True(lists >= 2, "the pump listed again after 410 Gone");
    }
}
