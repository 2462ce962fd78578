using System.Text.Json;
using ContainerCloudBuild.Abstractions.Resilience;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Analysis.Hooks;
using ContainerCloudBuild.Rollouts.Analysis.Events;
using ContainerCloudBuild.Rollouts.Analysis.Hooks;
using ContainerCloudBuild.Rollouts.Analysis.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Rollouts.Analysis.Tests;

/// <summary>A failing pre-promotion webhook blocks promotion; shipped events match the run record, without secrets.</summary>
[Collection(RealStackCollection.Name)]
public sealed class HooksAndEventsTests(SharedServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Canary_FailingPrePromotionWebhook_BlocksPromotionAndShippedEventsMatchTheRecordWithoutTheSecret()
    {
        var secret = "tok-" + Guid.NewGuid().ToString("N");
        using var hooksServer = new TestHttpServer
        {
            Respond = (request, _) => request.Path.StartsWith("/pre-promotion", StringComparison.Ordinal) ? (503, "{\"error\":\"change freeze\"}") : (200, "{}"),
        };
        using var sinkServer = new TestHttpServer();
        using var http = new HttpClient();
        var time = TimeProvider.System;
        var masker = new SecretMasker([secret]);
        var shipper = new EventShipper(new FluentBitSink(http, new Uri(sinkServer.BaseAddress, "ccb.rollout")), masker,
            new EventShipperOptions { FlushInterval = TimeSpan.FromMilliseconds(200) }, time);
        WebhookHook Webhook(string name, string path, bool gating) => new(http,
            new WebhookOptions(name, new Uri(hooksServer.BaseAddress, $"{path}?token={secret}")) { Gating = gating, Retry = new RetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(200) }, Timeout = TimeSpan.FromSeconds(2) },
            masker, time);
        var hooks = RolloutHooks.Create(new Dictionary<RolloutHookPoint, IReadOnlyList<IHook>>
        {
            [RolloutHookPoint.PreRollout] = [Webhook("announce", "/pre-rollout", gating: true)],
            [RolloutHookPoint.PrePromotion] = [Webhook("change-freeze", "/pre-promotion", gating: true)],
            [RolloutHookPoint.OnAbort] = [Webhook("page", "/on-abort", gating: false)],
        }, masker, time, shipper);

        await using var stack = await AnalysisStack.StartAsync(servers, Ct);
        stack.Open(AnalysisStack.FastCanary(count: 2), hooks, new ShippingRolloutEvents(shipper), shipper);
        await stack.DeployStableAsync("v1", Ct);
        var v2 = await stack.ImageAsync("v2", VersionBehaviour.Healthy, Ct);
        using var load = new LoadGenerator();
        load.Start(stack.VersionUrl, 100, TimeSpan.FromSeconds(40));
        var spec = stack.Canary("v2", v2, 50) with
        {
            Workload = AnalysisStack.Workload(v2, "v2") with { Environment = new Dictionary<string, string> { ["APP_VERSION"] = "v2", ["API_TOKEN"] = secret } },
        };

        var result = await stack.Controller.StartCanaryAsync(spec, Ct);
        var samples = await load.StopAsync();
        await shipper.DisposeAsync();

        // Promotion blocked: the analysis passed, the gating webhook answered 503, so the canary was rolled back.
        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.NotNull(stack.Events.First(RolloutEventKind.AnalysisPassed, "v2"));
        Assert.Contains("promotion blocked by a pre-promotion hook", result.Message, StringComparison.Ordinal);
        Assert.Contains("answered 503", result.Message, StringComparison.Ordinal);
        Assert.Contains("token=***", result.Message, StringComparison.Ordinal);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.Equal(["v1"], await stack.RevisionsAsync(Ct));
        Assert.Null(stack.Events.First(RolloutEventKind.Completed, "v2"));
        LoadAssert.NoFailures(samples);
        var calls = hooksServer.Received;
        Assert.Equal(["/pre-rollout", "/pre-rollout", "/pre-promotion", "/pre-promotion", "/on-abort"], calls.Select(c => c.Path.Split('?')[0])); // v1, v2, 503 + 1 retry
        using (var payload = JsonDocument.Parse(calls.First(c => c.Path.StartsWith("/pre-promotion", StringComparison.Ordinal)).Body))
        {
            Assert.Equal("PrePromotion", payload.RootElement.GetProperty("hook").GetString());
            Assert.Equal("v2", payload.RootElement.GetProperty("event").GetProperty("fields").GetProperty("candidate").GetString());
        }

        // The sink received exactly the rollout events of the run record, in order, plus hook results and measurements.
        var shipped = sinkServer.Received.SelectMany(r => JsonSerializer.Deserialize<List<PipelineEvent>>(r.Body, EventJson.Options)!).ToList();
        var rolloutEvents = shipped.Where(e => e.Type.StartsWith("rollout.", StringComparison.Ordinal) && e.Type != "rollout.hook").ToList();
        var recorded = stack.Events.Events;
        Assert.Equal(recorded.Select(e => ("rollout." + e.Kind, e.Message, e.Revision ?? "")), rolloutEvents.Select(e => (e.Type, e.Message, e.Fields["revision"])));
        Assert.Equal(recorded.Select(e => e.At), rolloutEvents.Select(e => e.Timestamp));
        Assert.Equal(4, shipped.Count(e => e.Type == "hook.result"));
        Assert.Equal(stack.Measurements.Count, shipped.Count(e => e.Type == "analysis.measurement"));
        Assert.Contains(shipped, e => e.Type == "analysis.result" && e.Fields["outcome"] == "Successful");

        // The secret is in no shipped event, no hook payload and no rollout event.
        Assert.All(sinkServer.Received, r => Assert.DoesNotContain(secret, r.Body, StringComparison.Ordinal));
        Assert.All(calls, c => Assert.DoesNotContain(secret, c.Body, StringComparison.Ordinal));
        Assert.All(recorded, e => Assert.DoesNotContain(secret, e.Message, StringComparison.Ordinal));
        Assert.Contains(shipped, e => e.Message.Contains("token=***", StringComparison.Ordinal));
    }
}
