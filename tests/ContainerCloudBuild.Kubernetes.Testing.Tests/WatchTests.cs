using ContainerCloudBuild.Kubernetes.Testing.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

public sealed class WatchTests
{
    private static readonly FakeKubeApiServerOptions Bare = new() { RunControllers = false };

    [Fact]
    public async Task Watch_FromResourceVersion_StreamsLaterAddModifyDelete()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("before"), "default", cancellationToken: ct);
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default", cancellationToken: ct);
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("watched"), "default", cancellationToken: ct);
        created.Data["key"] = "changed";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "watched", "default", cancellationToken: ct);
        await client.CoreV1.DeleteNamespacedConfigMapAsync("watched", "default", cancellationToken: ct);

        var seen = new List<(WatchEventType, string)>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await foreach (var (type, item) in client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: timeout.Token))
        {
            seen.Add((type, item.Metadata.Name));
            if (seen.Count == 3) break;
        }

        Assert.Equal([(WatchEventType.Added, "watched"), (WatchEventType.Modified, "watched"), (WatchEventType.Deleted, "watched")], seen);
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_StartsWithCurrentObjectsThenLiveChanges()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("existing"), "default", cancellationToken: ct);

        var seen = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await foreach (var (_, item) in client.CoreV1.WatchListNamespacedConfigMapAsync("default", labelSelector: "", cancellationToken: timeout.Token))
        {
            seen.Add(item.Metadata.Name);
            if (seen.Count == 1) await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("live"), "default", cancellationToken: ct);
            if (seen.Count == 2) break;
        }

        Assert.Equal(["existing", "live"], seen);
    }

    [Fact]
    public async Task Watch_CompactedResourceVersion_FailsWith410Expired()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        var first = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("a"), "default", cancellationToken: ct);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("b"), "default", cancellationToken: ct);
        api.Store.CompactHistory();

        Exception? error = null;
        await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: first.Metadata.ResourceVersion,
            onError: e => error = e, cancellationToken: ct))
        {
            Assert.Fail("no event expected from a compacted resourceVersion");
        }

        var status = Assert.IsType<KubernetesException>(error).Status;
        Assert.Equal(410, status.Code);
        Assert.Equal("Expired", status.Reason);
    }

    [Fact]
    public async Task Watch_AllowBookmarks_SendsBookmarkWithCurrentResourceVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare with { BookmarkInterval = TimeSpan.FromMilliseconds(100) }, ct);
        using var client = api.CreateClient();
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("a"), "default", cancellationToken: ct);

        WatchEventType? type = null;
        string? resourceVersion = null;
        await foreach (var (t, item) in client.CoreV1.WatchListNamespacedConfigMapAsync("default", allowWatchBookmarks: true,
            resourceVersion: created.Metadata.ResourceVersion, cancellationToken: ct))
        {
            (type, resourceVersion) = (t, item.Metadata.ResourceVersion);
            break;
        }

        Assert.Equal(WatchEventType.Bookmark, type);
        Assert.Equal(created.Metadata.ResourceVersion, resourceVersion);
    }

    [Fact]
    public async Task Watch_TimeoutSeconds_EndsStream()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("a"), "default", cancellationToken: ct);

        var events = 0;
        await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync("default", timeoutSeconds: 1, cancellationToken: ct)) events++;

        Assert.Equal(1, events);
    }

    [Fact]
    public async Task Dispose_WithOpenWatch_EndsTheWatchStream()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var response = await http.GetAsync("api/v1/namespaces/default/configmaps?watch=1", HttpCompletionOption.ResponseHeadersRead, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);

        var disposing = api.DisposeAsync().AsTask();
        var rest = await new StreamReader(stream).ReadToEndAsync(ct);
        await disposing;

        Assert.Equal("", rest);
    }
}
