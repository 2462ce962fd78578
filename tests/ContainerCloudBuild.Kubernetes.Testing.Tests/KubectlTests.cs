using ContainerCloudBuild.Kubernetes.Testing.Tests.Support;
using ContainerCloudBuild.Testing;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

public sealed class KubectlTests
{
    private const string Manifests = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: web-config
        data:
          LOG_LEVEL: info
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: app
                image: nginx:1.27
                ports:
                - containerPort: 80
        """;

    [Fact]
    public async Task Kubectl_ApplyRolloutGetScaleLogsDelete_BehaveAsOnACluster()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var dir = new TempDirectory("kubefake");
        api.WriteKubeconfig(dir.Combine("config"));
        var kubectl = Kubectl.Require(dir.Combine("config"));
        var manifests = dir.WriteFile("app.yaml", Manifests);

        var apply = await kubectl.RunAsync(ct, "apply", "--server-side", "-f", manifests);
        Assert.True(apply.ExitCode == 0, apply.Error + apply.Output);
        Assert.Contains("deployment.apps/web serverside-applied", apply.Output, StringComparison.Ordinal);
        Assert.Contains("configmap/web-config serverside-applied", apply.Output, StringComparison.Ordinal);

        var rollout = await kubectl.RunAsync(ct, "rollout", "status", "deployment/web", "--timeout=30s");
        Assert.True(rollout.ExitCode == 0, rollout.Error + rollout.Output);
        Assert.Contains("successfully rolled out", rollout.Output, StringComparison.Ordinal);

        var get = await kubectl.RunAsync(ct, "get", "deployments,configmaps", "-o", "name");
        Assert.True(get.ExitCode == 0, get.Error + get.Output);
        Assert.Contains("deployment.apps/web", get.Output, StringComparison.Ordinal);
        Assert.Contains("configmap/web-config", get.Output, StringComparison.Ordinal);

        var table = await kubectl.RunAsync(ct, "get", "deployment", "web");
        Assert.True(table.ExitCode == 0, table.Error + table.Output);
        Assert.Matches(@"NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s*\nweb\s+2/2\s+2\s+2\s+\d+s", table.Output);

        var scale = await kubectl.RunAsync(ct, "scale", "deployment/web", "--replicas=3");
        Assert.True(scale.ExitCode == 0, scale.Error + scale.Output);

        var deployment = api.Store.Get<V1Deployment>("default", "web")!;
        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Contains(deployment.Metadata.ManagedFields, m => m.Manager == "kubectl" && m.Operation == "Apply");

        var logs = await kubectl.RunAsync(ct, "logs", "deployment/web");
        Assert.True(logs.ExitCode == 0, logs.Error + logs.Output);
        Assert.Equal("listening\n", logs.Output);

        var delete = await kubectl.RunAsync(ct, "delete", "-f", manifests);
        Assert.True(delete.ExitCode == 0, delete.Error + delete.Output);
        Assert.Contains("deployment.apps \"web\" deleted", delete.Output, StringComparison.Ordinal);
        Assert.Null(api.Store.Get<V1Deployment>("default", "web"));
    }

    [Fact]
    public async Task Kubectl_RolloutStatusOfFailingDeployment_ExitsNonZeroWithDeadlineExceeded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var dir = new TempDirectory("kubefake");
        api.WriteKubeconfig(dir.Combine("config"));
        var kubectl = Kubectl.Require(dir.Combine("config"));
        api.Behaviour.For("default", "web").ImagePullFails("manifest unknown");
        var manifests = dir.WriteFile("app.yaml", Manifests.Replace("replicas: 2", "replicas: 1\n  progressDeadlineSeconds: 1", StringComparison.Ordinal));

        var apply = await kubectl.RunAsync(ct, "apply", "--server-side", "-f", manifests);
        Assert.True(apply.ExitCode == 0, apply.Error + apply.Output);
        var rollout = await kubectl.RunAsync(ct, "rollout", "status", "deployment/web", "--timeout=30s");

        Assert.NotEqual(0, rollout.ExitCode);
        Assert.Contains("exceeded its progress deadline", rollout.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_ApplyConflictingFieldFromAnotherManager_ReportsConflict()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(new FakeKubeApiServerOptions { RunControllers = false }, ct);
        using var dir = new TempDirectory("kubefake");
        api.WriteKubeconfig(dir.Combine("config"));
        var kubectl = Kubectl.Require(dir.Combine("config"));
        var manifests = dir.WriteFile("app.yaml", Manifests);
        await kubectl.RunAsync(ct, "apply", "--server-side", "--field-manager=ccb", "-f", manifests);

        var conflicting = await kubectl.RunAsync(ct, "apply", "--server-side", "-f", dir.WriteFile("scaled.yaml", Manifests.Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal)));

        Assert.NotEqual(0, conflicting.ExitCode);
        Assert.Contains("conflict with \"ccb\"", conflicting.Error, StringComparison.Ordinal);
        Assert.Contains(".spec.replicas", conflicting.Error, StringComparison.Ordinal);
    }
}
