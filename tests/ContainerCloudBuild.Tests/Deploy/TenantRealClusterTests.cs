using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Harbor.Testing.Server;
using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Tests.EndToEnd;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary>
/// Opt-in: <c>Tenant</c> against a real cluster (<c>CCB_E2E_KUBECONFIG</c>, optionally <c>CCB_E2E_CONTEXT</c>), with the
/// Harbor stand-in on loopback for the project and robot. The tenant is a throw-away namespace <c>ccb-e2e-t-*</c>, deleted
/// afterwards. Skipped when the variable is not set, also in CI.
/// </summary>
public sealed class TenantRealClusterTests
{
    private sealed class Build : DeployBuild;

    [Fact]
    public async Task Tenant_RealCluster_MakesTheSpaceAndASecondRunChangesNothing()
    {
        var kubeconfig = Environment.GetEnvironmentVariable("CCB_E2E_KUBECONFIG");
        if (string.IsNullOrEmpty(kubeconfig))
            Assert.Skip("Real-cluster test (opt-in, skipped also in CI): set CCB_E2E_KUBECONFIG=<kubeconfig of a cluster you may create namespaces in> " +
                "[CCB_E2E_CONTEXT=<context>] to run it; see README, \"On a Kubernetes cluster\".");
        var ct = TestContext.Current.CancellationToken;
        var tenant = "ccb-e2e-t-" + Guid.NewGuid().ToString("N")[..8];
        await using var harbor = new HarborTestServer();
        using var root = new TempDirectory("ccb-tenant-e2e");
        root.WriteFile("tenants/t/values.yaml", $"name: {tenant}\ngroup: ccb-e2e-developers\n");
        var context = Environment.GetEnvironmentVariable("CCB_E2E_CONTEXT");
        var output = new MemoryBuildOutput();
        Task<int> RunAsync() => BuildRunner.RunAsync(new Build(), ["Tenant", "--kubeconfig", kubeconfig, .. context is { Length: > 0 } ? new[] { "--context", context } : [],
            "--tenant", root.Combine("tenants", "t"), "--harbor-url", harbor.BaseUrl.ToString(), "--harbor-password", "Harbor12345",
            "--templates", Path.Combine(RepositoryRoot.Path, "templates", "manifests")],
            new BuildRunSettings { RootDirectory = root.Path, Output = output, Environment = new Dictionary<string, string?>() }, ct);
        using var connection = ClusterConnection.Open(new ClusterAccessOptions { KubeconfigPath = kubeconfig, Context = context, Namespace = tenant }, new SecretMasker());
        try
        {
            Assert.True(await RunAsync() == 0, output.Text);
            var binding = await connection.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync($"{tenant}-edit", tenant, cancellationToken: ct);
            var secret = await connection.Client.CoreV1.ReadNamespacedSecretAsync("harbor-pull", tenant, cancellationToken: ct);
            Assert.Equal("kubernetes.io/dockerconfigjson", secret.Type);

            Assert.True(await RunAsync() == 0, output.Text);
            Assert.Contains($"Tenant {tenant}: 0 created, 0 configured, 7 unchanged", output.Text, StringComparison.Ordinal);
            // Objects no controller writes to (a ResourceQuota's status is the quota controller's): their versions stay.
            Assert.Equal(binding.Metadata.ResourceVersion, (await connection.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync($"{tenant}-edit", tenant, cancellationToken: ct)).Metadata.ResourceVersion);
            Assert.Equal(secret.Metadata.ResourceVersion, (await connection.Client.CoreV1.ReadNamespacedSecretAsync("harbor-pull", tenant, cancellationToken: ct)).Metadata.ResourceVersion);
            Assert.Single(harbor.RequestsFor("CreateRobot"));
        }
        finally
        {
            try
            {
                await connection.Client.CoreV1.DeleteNamespaceAsync(tenant, cancellationToken: CancellationToken.None);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
            }
        }
    }
}
