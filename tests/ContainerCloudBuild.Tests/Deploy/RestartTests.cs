using System.Diagnostics;
using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Tests.Deploy.Support;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary>
/// A paused canary (40% to v2) keeps serving with its recorded weights, under load and with no command run, after
/// HAProxy is killed, after the Docker engine restarts, and after a reboot (engine and everything it ran stopped,
/// then started). The engine tests use an engine of their own.
/// </summary>
public sealed class RestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HaproxyKilled_UnderLoad_ComesBackByItselfWithTheRecordedWeights()
    {
        await using var stack = await DeployStack.StartAsync(Ct);
        var service = await stack.PausedCanaryAsync("hk", 40, Ct);

        var outage = await UnderLoadAsync(stack, service, async _ =>
        {
            var haproxy = new StackContainer(stack.Docker, stack.Options.StackDirectory).NameOf("haproxy");
            var pid = (int)(await stack.Docker.Containers.InspectContainerAsync(haproxy, Ct)).State!.Pid;
            Process.GetProcessById(pid).Kill(); // SIGKILL
        });

        await AssertRecordedWeightsAsync(stack, service, outage);
        TestContext.Current.TestOutputHelper?.WriteLine($"HAProxy SIGKILLed: down {outage.DownMs:0} ms ({outage.Failed} failed requests); {outage.FromRevision("v2")}/{outage.After.Count} answers from v2 after");
    }

    [Fact]
    public async Task DockerEngineRestarted_UnderLoad_ServiceComesBackByItselfWithTheRecordedWeights()
    {
        await using var engine = await OwnDockerEngine.StartAsync(Ct);
        await using var stack = await DeployStack.StartAsync(engine.Socket, Ct);
        var service = await stack.PausedCanaryAsync("er", 40, Ct);

        var (stopped, started) = (0.0, 0.0);
        var outage = await UnderLoadAsync(stack, service, async clock =>
        {
            await engine.StopAsync(Ct);
            stopped = clock();
            await engine.StartAgainAsync(Ct);
            started = clock();
        });

        await AssertRecordedWeightsAsync(stack, service, outage);
        TestContext.Current.TestOutputHelper?.WriteLine($"Docker engine restarted (stopped after {stopped:0} ms, answering again after {started:0} ms): down {outage.DownMs:0} ms ({outage.Failed} failed requests); {outage.FromRevision("v2")}/{outage.After.Count} answers from v2 after");
    }

    [Fact]
    public async Task Reboot_UnderLoad_ServiceComesBackByItselfWithTheRecordedWeights()
    {
        await using var engine = await OwnDockerEngine.StartAsync(Ct);
        await using var stack = await DeployStack.StartAsync(engine.Socket, Ct);
        var service = await stack.PausedCanaryAsync("rb", 40, Ct);

        var (stopped, started) = (0.0, 0.0);
        var outage = await UnderLoadAsync(stack, service, async clock =>
        {
            await engine.StopAsync(Ct); // the engine stops its containers, as at shutdown
            var ports = new[] { service.Rollout.RouterPort, stack.Options.HaproxyMetricsPort, stack.Options.PrometheusPort, stack.Options.RegistryPort };
            foreach (var port in ports)
                Assert.False(await DaemonProcess.PortAnswersAsync(port, Ct), $"127.0.0.1:{port} still answers with the engine stopped: a stack daemon outlived the 'reboot'");
            stopped = clock();
            await Task.Delay(1000, Ct);
            await engine.StartAgainAsync(Ct); // as the init system does at boot; nothing else is run
            started = clock();
        });

        await AssertRecordedWeightsAsync(stack, service, outage);
        TestContext.Current.TestOutputHelper?.WriteLine($"Reboot (engine stopped with its containers after {stopped:0} ms, 1 s off, engine answering after {started:0} ms): down {outage.DownMs:0} ms ({outage.Failed} failed requests); {outage.FromRevision("v2")}/{outage.After.Count} answers from v2 after");
    }

    [Fact]
    public async Task ServiceAdded_UnderLoad_HaproxyReloadsInPlaceAndTheRunningServiceNeverFails()
    {
        await using var stack = await DeployStack.StartAsync(Ct);
        var service = await stack.PausedCanaryAsync("ra", 40, Ct);
        var haproxy = new StackContainer(stack.Docker, stack.Options.StackDirectory).NameOf("haproxy");
        var container = (await stack.Docker.Containers.InspectContainerAsync(haproxy, Ct)).ID;
        var added = await stack.ServiceAsync("rn", "blue-green", "", Ct);

        var outage = await UnderLoadAsync(stack, service, _ => stack.Deploy.EnsureStackAsync([added], Ct));

        Assert.Equal(0, outage.Failed);
        Assert.Equal(container, (await stack.Docker.Containers.InspectContainerAsync(haproxy, Ct)).ID);
        Assert.True(await DaemonProcess.PortAnswersAsync(added.Rollout.RouterPort, Ct), $"the added service's frontend 127.0.0.1:{added.Rollout.RouterPort} does not listen");
        Assert.Contains("Reloaded haproxy in place", stack.Log, StringComparison.Ordinal);
        await AssertRecordedWeightsAsync(stack, service, outage);
        TestContext.Current.TestOutputHelper?.WriteLine($"service added: {outage.After.Count} requests to the running service during and after the reload, {outage.Failed} failed");
    }

    /// <summary>Runs <paramref name="disruption"/> (given the ms since it began) under 50 req/s, then waits until the router has the recorded weights and 3 s more.</summary>
    private static async Task<Outage> UnderLoadAsync(DeployStack stack, ServiceDefinition service, Func<Func<double>, Task> disruption)
    {
        using var load = new LoadGenerator();
        load.Start(new Uri($"http://127.0.0.1:{service.Rollout.RouterPort}/version"), 50, TimeSpan.FromSeconds(120));
        await Task.Delay(1000, Ct);
        var eventMs = load.NowMs;
        await disruption(() => load.NowMs - eventMs);
        var state = (await stack.Deploy.Controller.GetStatusAsync(service.Name, Ct)).State!;
        for (var waited = 0; ; waited += 100)
        {
            try
            {
                if (RoutingReconciler.Expected(state).OrderBy(w => w.Key).SequenceEqual((await stack.Deploy.Host.Router.GetWeightsAsync(service.Name, Ct)).OrderBy(w => w.Key)))
                    break;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Net.Sockets.SocketException && waited < 30_000) // HAProxy's socket does not answer yet, or closes as it starts
            {
            }
            Assert.True(waited < 30_000, "the router never had the recorded weights again\n" + stack.Log);
            await Task.Delay(100, Ct);
        }
        await Task.Delay(3000, Ct);
        return Outage.Measure(await load.StopAsync(), eventMs);
    }

    private static async Task AssertRecordedWeightsAsync(DeployStack stack, ServiceDefinition service, Outage outage)
    {
        var state = (await stack.Deploy.Controller.GetStatusAsync(service.Name, Ct)).State!;
        var weights = await stack.Deploy.Host.Router.GetWeightsAsync(service.Name, Ct);
        Assert.Equal(RoutingReconciler.Expected(state), weights);
        Assert.Equal(40, weights[state.Candidate!.Revision]);
        Assert.True(outage.After.Count > 100, $"only {outage.After.Count} requests after the service was back");
        Assert.Contains(outage.After, s => s.Body == "v2");
        Assert.Contains(outage.After, s => s.Body == "v1");
        Assert.DoesNotContain("restored", stack.Log, StringComparison.Ordinal); // no reconcile ran: HAProxy started with its servers
    }
}
