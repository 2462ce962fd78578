using System.Net;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Api;
using ContainerCloudBuild.Kubernetes.Testing.Apply;
using ContainerCloudBuild.Kubernetes.Testing.Behaviours;
using ContainerCloudBuild.Kubernetes.Testing.Controllers;
using ContainerCloudBuild.Kubernetes.Testing.Store;
using ContainerCloudBuild.Kubernetes.Testing.Watch;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Kubernetes.Testing;

/// <summary>
/// A stateful fake Kubernetes API server on 127.0.0.1 (plain http, free port): store, apply, watches,
/// discovery, pod logs and simulated controllers whose pod behaviour a test controls.
/// </summary>
public sealed class FakeKubeApiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ControllerLoop? controllers;
    private readonly CancellationTokenSource stopping;

    private FakeKubeApiServer(WebApplication app, CancellationTokenSource stopping, KubeObjectStore store, RequestLog requestLog, PodBehaviours behaviour, FakePods pods, ControllerLoop? controllers)
    {
        this.app = app;
        this.stopping = stopping;
        Store = store;
        RequestLog = requestLog;
        Behaviour = behaviour;
        Pods = pods;
        this.controllers = controllers;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    public Uri BaseAddress { get; }

    /// <summary>The objects, for assertions (typed reads via Get&lt;T&gt;/List&lt;T&gt;).</summary>
    public KubeObjectStore Store { get; }

    public RequestLog RequestLog { get; }

    /// <summary>How simulated pods behave, per namespace and deployment name or image.</summary>
    public PodBehaviours Behaviour { get; }

    /// <summary>The simulated pods and their logs.</summary>
    public FakePods Pods { get; }

    public static Task<FakeKubeApiServer> StartAsync(CancellationToken cancellationToken) =>
        StartAsync(new FakeKubeApiServerOptions(), cancellationToken);

    public static async Task<FakeKubeApiServer> StartAsync(FakeKubeApiServerOptions options, CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var catalog = new ResourceCatalog();
        var store = new KubeObjectStore(catalog, options.WatchHistoryLimit);
        foreach (var ns in new[] { "default", "kube-system", "kube-public" })
            store.Create(catalog.Get("", "namespaces"), new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "Namespace", ["status"] = new JsonObject { ["phase"] = "Active" },
                ["metadata"] = new JsonObject { ["name"] = ns, ["uid"] = Guid.NewGuid().ToString(), ["creationTimestamp"] = "2026-01-01T00:00:00Z" },
            });
        var lifecycle = new ObjectLifecycle(store, time);
        var writes = new ResourceWrites(store, lifecycle, new FieldManager(time), new FieldValidator());
        var logs = new PodLogs();
        var endpoints = new ResourceEndpoints(store, writes, new Discovery(catalog), new OpenApiDocuments(catalog), new WatchStreamer(store, options.BookmarkInterval), logs, new TableConverter(time), new ScaleSubresource(store, writes));
        var requestLog = new RequestLog();
        var stopping = new CancellationTokenSource();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use(async (HttpContext context, RequestDelegate _) =>
        {
            requestLog.Add(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? "", context.Request.ContentType));
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
            await endpoints.HandleAsync(context, linked.Token);
        });
        await app.StartAsync(cancellationToken);

        var behaviours = new PodBehaviours();
        var events = new EventRecorder(store, time);
        var controllers = options.RunControllers
            ? new ControllerLoop(options.ControllerInterval,
                [new DeploymentController(store, events, time), new ReplicaSetController(store, events, time), new PodSimulator(store, behaviours, logs, events, time), new EndpointsController(store)])
            : null;
        controllers?.Start();
        return new FakeKubeApiServer(app, stopping, store, requestLog, behaviours, new FakePods(store, logs), controllers);
    }

    public void WriteKubeconfig(string path, string context = "fake", string @namespace = "default") =>
        File.WriteAllText(path, KubeconfigWriter.Render(BaseAddress, context, @namespace));

    /// <summary>A KubernetesClient pointed at this server.</summary>
    public k8s.Kubernetes CreateClient() => new(new KubernetesClientConfiguration { Host = BaseAddress.ToString().TrimEnd('/') });

    public async ValueTask DisposeAsync()
    {
        if (controllers is not null) await controllers.DisposeAsync();
        await stopping.CancelAsync();
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        stopping.Dispose();
    }
}
