using System.Text;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Harbor.Testing.Server;
using ContainerCloudBuild.Kubernetes.Testing;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Tests.EndToEnd;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary><c>Tenant</c> of a DeployBuild, run in-process against the fake API server and the spec-checking Harbor stand-in.</summary>
public sealed class TenantBuildTests
{
    private sealed class Build : DeployBuild;

    private sealed class Harness : IAsyncDisposable
    {
        private Harness(FakeKubeApiServer api)
        {
            Api = api;
            Kubeconfig = Root.Combine("kubeconfig");
            api.WriteKubeconfig(Kubeconfig, "fake");
            Root.WriteFile("tenants/payments/values.yaml", $"""
                name: {Tenant}
                labels:
                  cost-center: "4711"
                group: payments-developers
                quota:
                  pods: "20"
                """);
        }

        public const string Tenant = "payments";
        public FakeKubeApiServer Api { get; }
        public HarborTestServer Harbor { get; } = new();
        public TempDirectory Root { get; } = new("ccb-tenant");
        public string Kubeconfig { get; }
        public MemoryBuildOutput Output { get; } = new();

        public static async Task<Harness> StartAsync(CancellationToken ct) => new(await FakeKubeApiServer.StartAsync(ct));

        public Task<int> RunAsync(CancellationToken ct, params string[] args) =>
            BuildRunner.RunAsync(new Build(), ["Tenant", .. args, "--kubeconfig", Kubeconfig, "--tenant", Root.Combine("tenants", "payments"),
                "--harbor-url", Harbor.BaseUrl.ToString(), "--harbor-user", "admin", "--harbor-password", "Harbor12345",
                "--templates", Path.Combine(RepositoryRoot.Path, "templates", "manifests")], new BuildRunSettings
            {
                RootDirectory = Root.Path,
                Output = Output,
                Environment = new Dictionary<string, string?>(),
            }, ct);

        /// <summary>Every object of the tenant with its resourceVersion.</summary>
        public SortedDictionary<string, string> ResourceVersions()
        {
            var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (type, obj) in Api.Store.InNamespace(Tenant))
                versions[$"{type.Kind}/{obj["metadata"]!["name"]}"] = obj["metadata"]!["resourceVersion"]!.GetValue<string>();
            versions["Namespace"] = Api.Store.Get<V1Namespace>(null, Tenant)!.Metadata.ResourceVersion;
            return versions;
        }

        public async ValueTask DisposeAsync()
        {
            await Api.DisposeAsync();
            await Harbor.DisposeAsync();
            Root.Dispose();
        }
    }

    [Fact]
    public async Task Tenant_FirstRun_MakesTheTeamsSpaceAndAPullSecretOfANewPullOnlyRobot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await Harness.StartAsync(ct);

        var exit = await h.RunAsync(ct);

        TestContext.Current.TestOutputHelper?.WriteLine(h.Output.Text);
        Assert.True(exit == 0, h.Output.Text);
        var ns = h.Api.Store.Get<V1Namespace>(null, Harness.Tenant)!;
        Assert.Equal("4711", ns.Metadata.Labels["cost-center"]);
        Assert.Equal(Harness.Tenant, ns.Metadata.Labels["containercloud.io/tenant"]);
        Assert.Equal("20", h.Api.Store.Get<V1ResourceQuota>(Harness.Tenant, "payments-quota")!.Spec.Hard["pods"].ToString());
        Assert.Equal("500m", h.Api.Store.Get<V1LimitRange>(Harness.Tenant, "payments-limits")!.Spec.Limits[0].DefaultProperty["cpu"].ToString());
        var binding = h.Api.Store.Get<V1RoleBinding>(Harness.Tenant, "payments-edit")!;
        Assert.Equal(("ClusterRole", "edit"), (binding.RoleRef.Kind, binding.RoleRef.Name));
        Assert.Equal(("Group", "payments-developers"), (binding.Subjects.Single().Kind, binding.Subjects.Single().Name));

        var deny = h.Api.Store.Get<V1NetworkPolicy>(Harness.Tenant, "default-deny")!;
        Assert.Empty(deny.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Equal(["Ingress"], deny.Spec.PolicyTypes);
        Assert.Null(deny.Spec.Ingress);
        var allow = h.Api.Store.Get<V1NetworkPolicy>(Harness.Tenant, "allow-namespace-ingress-monitoring")!;
        var peers = allow.Spec.Ingress.Single().FromProperty;
        Assert.NotNull(peers[0].PodSelector);
        Assert.Equal(["ingress-nginx", "monitoring"], peers.Skip(1).Select(p => p.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]));

        var robot = Assert.Single(h.Harbor.Model.Robots);
        Assert.Equal("robot$payments+k8s-pull", robot.Name);
        Assert.Equal(["repository:pull"], robot.Permissions);
        Assert.True(h.Harbor.Model.Projects.ContainsKey(Harness.Tenant));
        var secret = h.Api.Store.Get<V1Secret>(Harness.Tenant, "harbor-pull")!;
        Assert.Equal("kubernetes.io/dockerconfigjson", secret.Type);
        var auth = JsonNode.Parse(Encoding.UTF8.GetString(secret.Data[".dockerconfigjson"]))!["auths"]![$"127.0.0.1:{h.Harbor.BaseUrl.Port}"]!;
        Assert.Equal((robot.Name, robot.Secret), (auth["username"]!.GetValue<string>(), auth["password"]!.GetValue<string>()));
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{robot.Name}:{robot.Secret}")), auth["auth"]!.GetValue<string>());

        Assert.DoesNotContain(robot.Secret, h.Output.Text, StringComparison.Ordinal);
        Assert.Contains("Tenant payments: 7 created, 0 configured, 0 unchanged", h.Output.Text, StringComparison.Ordinal);
        Assert.True(h.Harbor.Violations.IsEmpty, string.Join("\n", h.Harbor.Violations));
    }

    [Fact]
    public async Task Tenant_SecondRun_WritesNothingAndKeepsTheRobotSecret()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await Harness.StartAsync(ct);
        Assert.Equal(0, await h.RunAsync(ct));
        var before = h.ResourceVersions();
        var secretBefore = h.Api.Store.Get<V1Secret>(Harness.Tenant, "harbor-pull")!.Data[".dockerconfigjson"];
        h.Api.RequestLog.Clear();

        var exit = await h.RunAsync(ct);

        Assert.True(exit == 0, h.Output.Text);
        var writes = h.Api.RequestLog.All.Where(r => r.Method is "POST" or "PUT" or "DELETE" || (r.Method == "PATCH" && !r.Query.Contains("dryRun=All", StringComparison.Ordinal))).ToList();
        Assert.True(writes.Count == 0, string.Join("\n", writes));
        Assert.True(h.Api.RequestLog.Count("PATCH", "/") > 0, "the second run asks the server with dry-run applies");
        Assert.Equal(before, h.ResourceVersions());
        Assert.Equal(secretBefore, h.Api.Store.Get<V1Secret>(Harness.Tenant, "harbor-pull")!.Data[".dockerconfigjson"]);
        Assert.Single(h.Harbor.RequestsFor("CreateRobot"));
        Assert.Contains("Tenant payments: 0 created, 0 configured, 7 unchanged", h.Output.Text, StringComparison.Ordinal);
        Assert.Contains("pull secret kept: it holds robot$payments+k8s-pull's secret", h.Output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_ChangedQuota_ConfiguresOnlyTheQuota()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await Harness.StartAsync(ct);
        Assert.Equal(0, await h.RunAsync(ct));
        var before = h.ResourceVersions();

        var exit = await h.RunAsync(ct, "--set", "quota.pods=30");

        Assert.True(exit == 0, h.Output.Text);
        Assert.Equal("30", h.Api.Store.Get<V1ResourceQuota>(Harness.Tenant, "payments-quota")!.Spec.Hard["pods"].ToString());
        Assert.Equal(["ResourceQuota/payments-quota"], h.ResourceVersions().Where(p => before[p.Key] != p.Value).Select(p => p.Key));
        Assert.Contains("resourcequota/payments-quota configured", h.Output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_RobotExistsButPullSecretWasDeleted_FailsSayingToDeleteTheRobot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await Harness.StartAsync(ct);
        Assert.Equal(0, await h.RunAsync(ct));
        using (var client = h.Api.CreateClient())
            await client.CoreV1.DeleteNamespacedSecretAsync("harbor-pull", Harness.Tenant, cancellationToken: ct);

        var exit = await h.RunAsync(ct);

        Assert.Equal(1, exit);
        Assert.Contains("already has robot 'robot$payments+k8s-pull', but the namespace has no pull secret 'harbor-pull'", h.Output.Text, StringComparison.Ordinal);
        Assert.Contains("Delete the robot in Harbor", h.Output.Text, StringComparison.Ordinal);
    }
}
