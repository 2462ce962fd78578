using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Tests.Deploy.Support;

namespace ContainerCloudBuild.Tests.Deploy;

public sealed class DockerHostDeployTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RolloutAsync_ThreeServicesAtOnceUnderLoad_EachEndsOnItsNewVersionWithNoFailedRequest()
    {
        await using var stack = await DeployStack.StartAsync(Ct);
        var services = new[]
        {
            await stack.ServiceAsync("bg", "blue-green", "", Ct),
            await stack.ServiceAsync("ca", "canary", "  canarySteps:\n    - setWeight: 30\n    - pauseSeconds: 1\n    - setWeight: 60\n    - pauseSeconds: 1", Ct),
            await stack.ServiceAsync("ro", "rolling", "  rollingSteps: [20, 60]", Ct),
        };
        await stack.Deploy.EnsureStackAsync(services, Ct);
        foreach (var service in services)
        {
            var first = await stack.Deploy.RolloutAsync(service, await stack.ImageAsync(service.Name, service.Name + "-v1", Ct), DeployStrategy.BlueGreen, Ct);
            Assert.True(first.Succeeded, first.Message + "\n" + stack.Log);
        }
        var v2 = new List<Abstractions.ImageReference>();
        foreach (var service in services)
            v2.Add(await stack.ImageAsync(service.Name, service.Name + "-v2", Ct));
        var loads = services.Select(_ => new LoadGenerator()).ToList();
        try
        {
            for (var i = 0; i < services.Length; i++)
                loads[i].Start(new Uri($"http://127.0.0.1:{services[i].Rollout.RouterPort}/version"), 50, TimeSpan.FromSeconds(60));

            var results = await Task.WhenAll(services.Select((s, i) => stack.Deploy.RolloutAsync(s, v2[i], null, Ct)));
            await Task.Delay(500, Ct);

            for (var i = 0; i < services.Length; i++)
            {
                Assert.True(results[i].Succeeded, $"{services[i].Name}: {results[i].Message}\n{stack.Log}");
                Assert.Equal(RolloutPhase.Completed, results[i].Phase);
                var samples = await loads[i].StopAsync();
                Assert.True(samples.Count > 50, $"{services[i].Name}: only {samples.Count} requests");
                Assert.Empty(samples.Where(s => s.Failed).Select(s => $"{s.Status} {s.Error}"));
                Assert.All(samples, s => Assert.StartsWith(services[i].Name + "-v", s.Body, StringComparison.Ordinal)); // never another service's answer
                Assert.Equal(services[i].Name + "-v2", samples[^1].Body);
            }
            var history = await stack.Deploy.HistoryAsync(services[1].Name, Ct);
            Assert.Equal(["Deploy", "Deploy"], history.Select(h => h.Command));
            Assert.Equal("canary", history[1].Strategy);
            Assert.True(history[1].Succeeded);
        }
        finally
        {
            foreach (var load in loads) load.Dispose();
        }
    }

    [Fact]
    public async Task EnsureStackAsync_RouterLostTheCandidateServer_RestoresTheRecordedWeights()
    {
        await using var stack = await DeployStack.StartAsync(Ct);
        var service = await stack.PausedCanaryAsync("rd", 40, Ct);
        var state = (await stack.Deploy.Controller.GetStatusAsync(service.Name, Ct)).State!;
        var haproxy = new HaproxyRuntimeClient(stack.Options.HaproxySocketPath);
        foreach (var server in (await stack.Deploy.Host.Router.RevisionServersAsync(service.Name, Ct))[state.Candidate!.Revision])
        {
            await haproxy.CommandAsync($"set server {service.Name}/{server.Name} state maint", Ct);
            await haproxy.CommandAsync($"del server {service.Name}/{server.Name}", Ct);
        }

        await stack.Deploy.EnsureStackAsync([], Ct);

        var weights = await stack.Deploy.Host.Router.GetWeightsAsync(service.Name, Ct);
        Assert.Equal(RoutingReconciler.Expected(state), weights);
        Assert.Equal(40, weights[state.Candidate.Revision]);
        var servers = await stack.Deploy.Host.Router.RevisionServersAsync(service.Name, Ct); // replicas: 2 from the schema's defaults
        Assert.Equal([30, 30], servers[state.Stable!.Revision].Select(s => s.Weight));
        Assert.Equal([20, 20], servers[state.Candidate.Revision].Select(s => s.Weight));
        Assert.Contains("restored", stack.Log, StringComparison.Ordinal);
    }
}
