using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Tests.EndToEnd;

namespace ContainerCloudBuild.Tests.Deploy;

public sealed class ServiceDefinitionTests
{
    private static string Templates => Path.Combine(RepositoryRoot.Path, "templates", "manifests");
    private static string Sample => Path.Combine(RepositoryRoot.Path, "templates", "samples", "hello-service");

    private static Task<ServiceDefinition> ReadAsync(string folder, string? environment = null, params string[] set) =>
        new ServiceDefinitionReader(Templates).ReadAsync(folder, environment, set, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Read_SampleService_MapsEnvLimitsProbeAndRollout()
    {
        var service = await ReadAsync(Sample);

        Assert.Equal("hello-service", service.Name);
        Assert.Equal("Hello from the container cloud", service.EnvironmentVariables["GREETING"]);
        Assert.Equal("0", service.EnvironmentVariables["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"]); // idle pool threads block, not spin (BENCHMARKS.md)
        Assert.Equal("info", service.EnvironmentVariables["LOG_LEVEL"]); // config.data as environment
        Assert.Equal(0.5, service.CpuLimit);
        Assert.Equal(256L * 1024 * 1024, service.MemoryLimitBytes);
        Assert.Equal(new ReadinessProbe("/healthz", TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 30), service.Readiness);
        Assert.Equal(18000, service.Rollout.RouterPort);
        Assert.Equal(DeployStrategy.Canary, service.Rollout.Strategy);
        Assert.Equal(["setWeight 20", "analysis haproxy-canary", "setWeight 50", "pause 5s", "analysis haproxy-canary"],
            DockerHostWorkloads.CanarySteps(service, DeployStrategy.Canary).Select(s => s.ToString()));
        Assert.Equal("registry.local:5000/samples/hello-service:1.0.0", service.ImageFromValues!.ToString());
    }

    [Fact]
    public async Task Read_StagingEnvironmentAndSet_LayersLikeTheManifestsAndReportsKubernetesOnlyValues()
    {
        var service = await ReadAsync(Sample, "staging", "resources.limits.memory=1Gi", "replicas=3");

        Assert.Equal(1L << 30, service.MemoryLimitBytes);
        Assert.Equal(1.0, service.CpuLimit);
        Assert.Equal(3, service.Replicas);
        var ignored = string.Join("\n", service.IgnoredOnDockerHost);
        foreach (var key in new[] { "namespace:", "autoscaling:", "pdb:", "ingress:", "networkPolicy:", "persistence:", "topologySpread:" })
            Assert.Contains(key, ignored, StringComparison.Ordinal);
        Assert.DoesNotContain(service.IgnoredOnDockerHost, i => i.StartsWith("replicas", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Workload_ReplicasAndContainerPort_ReplicasRunAndContainerPortIsReportedAsAdapted()
    {
        var service = await ReadAsync(Sample, null, "replicas=3", "containerPort=9090");

        var workload = DockerHostWorkloads.Workload(service, Abstractions.ImageReference.Parse("registry.local:5000/hello@sha256:" + new string('a', 64)),
            new Dictionary<string, string>());

        Assert.Equal(3, workload.Replicas);
        Assert.Equal(9090, service.ContainerPort);
        var adapted = Assert.Single(service.AdaptedOnDockerHost);
        Assert.StartsWith("containerPort (9090): each replica listens on its own free 127.0.0.1 port, told through PORT and ASPNETCORE_HTTP_PORTS", adapted, StringComparison.Ordinal);
        Assert.DoesNotContain(service.IgnoredOnDockerHost, i => i.StartsWith("ports:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_ExtraContainerPorts_AreReportedAsIgnored()
    {
        using var folder = new TempDirectory("ccb-service");
        await File.WriteAllTextAsync(folder.Combine("values.yaml"), "name: admin\nports:\n  - name: admin\n    containerPort: 9091\n", TestContext.Current.CancellationToken);

        var service = await ReadAsync(folder.Path);

        Assert.Contains(service.IgnoredOnDockerHost, i => i.StartsWith("ports:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_DefaultsOnly_ReportsNothingIgnored()
    {
        using var folder = new TempDirectory("ccb-service");
        await File.WriteAllTextAsync(folder.Combine("values.yaml"), "name: plain\nreplicas: 1\n", TestContext.Current.CancellationToken);

        var service = await ReadAsync(folder.Path);

        Assert.Empty(service.IgnoredOnDockerHost);
        Assert.Equal(DeployStrategy.BlueGreen, service.Rollout.Strategy);
        Assert.Equal(["setWeight 25", "setWeight 50", "setWeight 75"], DockerHostWorkloads.CanarySteps(service, DeployStrategy.Rolling).Select(s => s.ToString()));
    }

    [Fact]
    public async Task Read_NodeSelector_IsReportedAsIgnored()
    {
        var service = await ReadAsync(Sample, null, "nodeSelector.disk=ssd");

        Assert.Contains(service.IgnoredOnDockerHost, i => i.StartsWith("nodeSelector:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_BadStepStrategyAndQuantity_NamesEveryProblem()
    {
        using var folder = new TempDirectory("ccb-service");
        await File.WriteAllTextAsync(folder.Combine("values.yaml"), """
            name: broken
            resources:
              limits:
                memory: lots
            rollout:
              strategy: sideways
              canarySteps:
                - setWeight: 20
                  analysis: both
            """, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<ServiceDefinitionException>(() => ReadAsync(folder.Path));

        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("resources.limits.memory: 'lots'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("rollout.strategy: 'sideways'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("rollout.canarySteps[0]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_UnknownKey_FailsWithTheManifestsDiagnostic()
    {
        var error = await Assert.ThrowsAsync<ServiceDefinitionException>(() => ReadAsync(Sample, null, "rollout.colour=blue"));

        Assert.Contains(error.Problems, p => p.Contains("colour", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Workload_SampleWithImage_UsesDigestProbeAndLimits()
    {
        var service = await ReadAsync(Sample);
        var image = Abstractions.ImageReference.Parse("127.0.0.1:5000/demo/hello-service@sha256:" + new string('a', 64));

        var workload = DockerHostWorkloads.Workload(service, image, new Dictionary<string, string> { ["TOKEN"] = "s3cret" });

        Assert.Equal("127.0.0.1:5000/demo/hello-service@sha256:" + new string('a', 64), workload.Image);
        Assert.Equal("s3cret", workload.Environment["TOKEN"]);
        Assert.Equal("/healthz", workload.HealthCheck.Path);
        Assert.Equal(TimeSpan.FromSeconds(1), workload.HealthCheck.Interval);
        Assert.Equal(TimeSpan.FromSeconds(30), workload.HealthCheck.Deadline);
        Assert.Equal(0.5, workload.CpuLimit);
    }

    [Fact]
    public async Task Workload_SampleWithWarmup_HealthGateWarmsTheHotPath()
    {
        var service = await ReadAsync(Sample);

        var workload = DockerHostWorkloads.Workload(service, Abstractions.ImageReference.Parse("127.0.0.1:5000/demo/hello-service:1"), new Dictionary<string, string>());

        Assert.Equal(new WarmupSpec("/version", 20, RatePerSecond: 200), workload.HealthCheck.Warmup);
    }

    [Theory]
    [InlineData(null, true)] // the sample's values
    [InlineData("rollout.pinToCores=false", false)]
    public async Task Workload_PinToCores_FromTheValues(string? set, bool expected)
    {
        var service = set is null ? await ReadAsync(Sample) : await ReadAsync(Sample, null, set);

        var workload = DockerHostWorkloads.Workload(service, Abstractions.ImageReference.Parse("127.0.0.1:5000/demo/hello-service:1"), new Dictionary<string, string>());

        Assert.Equal(expected, workload.PinToCores);
    }

    [Fact]
    public async Task Read_NegativeWarmupRate_FailsNamingTheValue()
    {
        var error = await Assert.ThrowsAsync<ServiceDefinitionException>(() => ReadAsync(Sample, null, "rollout.warmup.ratePerSecond=-1"));

        Assert.Contains(error.Problems, p => p.StartsWith("rollout.warmup.ratePerSecond:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("rollout.lowCpuWeightUntilReady=true", true)]
    public async Task Workload_LowCpuWeightUntilReady_DefaultOffAndSwitchable(string? set, bool expected)
    {
        var service = set is null ? await ReadAsync(Sample) : await ReadAsync(Sample, null, set);

        var workload = DockerHostWorkloads.Workload(service, Abstractions.ImageReference.Parse("127.0.0.1:5000/demo/hello-service:1"), new Dictionary<string, string>());

        Assert.Equal(expected, workload.HealthCheck.LowCpuWeightUntilReady);
    }

    [Fact]
    public async Task Read_WarmupRequestsWithoutAPath_FailsNamingWarmup()
    {
        var error = await Assert.ThrowsAsync<ServiceDefinitionException>(() => ReadAsync(Sample, null, "rollout.warmup.path=", "rollout.warmup.requests=5"));

        Assert.Contains(error.Problems, p => p.StartsWith("rollout.warmup:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("500m", 0.5)]
    [InlineData("2", 2.0)]
    [InlineData("0.25", 0.25)]
    public void ParseCpu_Quantities_AreCores(string text, double cores) => Assert.Equal(cores, ResourceQuantity.ParseCpu(text));

    [Theory]
    [InlineData("256Mi", 268435456L)]
    [InlineData("1Gi", 1073741824L)]
    [InlineData("1G", 1000000000L)]
    [InlineData("1024", 1024L)]
    public void ParseMemory_Quantities_AreBytes(string text, long bytes) => Assert.Equal(bytes, ResourceQuantity.ParseMemory(text));

    [Theory]
    [InlineData("lots")]
    [InlineData("-1Mi")]
    [InlineData("")]
    public void ParseMemory_NotAQuantity_IsNull(string text) => Assert.Null(ResourceQuantity.ParseMemory(text));
}
