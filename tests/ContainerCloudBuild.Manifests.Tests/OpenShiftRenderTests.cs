using ContainerCloudBuild.Manifests.Models;
using ContainerCloudBuild.Testing;
using k8s.Models;

namespace ContainerCloudBuild.Manifests.Tests;

/// <summary>Values that render for OpenShift (Route instead of Ingress, the restricted SCC's security context) and the OpenShift checks.</summary>
public sealed class OpenShiftRenderTests
{
    private const string OpenShift = "ingress:\n  enabled: true\n  host: billing.apps.example.com\nopenshift:\n  enabled: true\n";

    [Fact]
    public async Task Render_OpenShift_RouteInsteadOfIngressWithEdgeTls()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, OpenShift);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Documents, d => d.Kind == "Ingress");
        var route = (V1Route)Assert.Single(result.Documents, d => d.Kind == "Route").Model;
        Assert.Equal("billing.apps.example.com", route.Spec.Host);
        Assert.Equal(("Service", "billing", 100), (route.Spec.To!.Kind, route.Spec.To.Name, route.Spec.To.Weight));
        Assert.Equal("http", route.Spec.Port!.TargetPort!.Value);
        Assert.Equal(("edge", "Redirect"), (route.Spec.Tls!.Termination, route.Spec.Tls.InsecureEdgeTerminationPolicy));
        Assert.Equal("route-billing.yaml", result.Documents[^1].FileName);
    }

    [Fact]
    public async Task Render_OpenShift_PodSecurityContextLeavesUserAndGroupsToTheNamespace()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, OpenShift);

        var pod = ((V1Deployment)Assert.Single(result.Documents, d => d.Kind == "Deployment").Model).Spec.Template.Spec;
        Assert.Null(pod.SecurityContext.RunAsUser);
        Assert.Null(pod.SecurityContext.RunAsGroup);
        Assert.Null(pod.SecurityContext.FsGroup);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(pod.Containers.Single().SecurityContext.AllowPrivilegeEscalation);
    }

    [Fact]
    public async Task Render_NotOpenShift_KeepsFixedUserAndIngress()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "ingress:\n  enabled: true\n");

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Documents, d => d.Kind == "Route");
        Assert.Single(result.Documents, d => d.Kind == "Ingress");
        Assert.Equal(10001, ((V1Deployment)result.Documents.Single(d => d.Kind == "Deployment").Model).Spec.Template.Spec.SecurityContext.RunAsUser);
    }

    [Theory]
    [InlineData("reencrypt", "Redirect", "ca-pem")]
    [InlineData("passthrough", null, null)]
    public async Task Render_OpenShiftTermination_RouteTlsAsAsked(string termination, string? insecurePolicy, string? destinationCa)
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, OpenShift + $"  route:\n    termination: {termination}\n    destinationCACertificate: ca-pem\n");

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var tls = ((V1Route)result.Documents.Single(d => d.Kind == "Route").Model).Spec.Tls!;
        Assert.Equal((termination, insecurePolicy, destinationCa), (tls.Termination, tls.InsecureEdgeTerminationPolicy, tls.DestinationCACertificate));
    }

    [Fact]
    public async Task Render_OpenShiftPlainHttp_RouteWithoutTls()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, OpenShift + "  route:\n    termination: none\n");

        Assert.Null(((V1Route)result.Documents.Single(d => d.Kind == "Route").Model).Spec.Tls);
    }

    [Fact]
    public async Task Render_OpenShiftUnknownTermination_ReportsRoute()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, OpenShift + "  route:\n    termination: tls\n");

        var d = RenderHelper.Single(result, DiagnosticCodes.OpenShiftRoute);
        Assert.Equal("route.scriban: error CHK008: Route/billing: tls.termination 'tls' is not one of edge, reencrypt, passthrough. Fix openshift.route.termination (or 'none' for plain http).", d.ToString());
    }

    [Fact]
    public async Task Render_OpenShiftWithFixedUserAndEscalation_ReportsEachSccViolation()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["deployment.scriban"] = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: demo
                spec:
                  selector:
                    matchLabels:
                      app: demo
                  template:
                    metadata:
                      labels:
                        app: demo
                    spec:
                      securityContext:
                        runAsUser: 1000
                        fsGroup: 2000
                      containers:
                        - name: demo
                          image: demo:1
                          securityContext:
                            capabilities:
                              add: [NET_ADMIN]
                """,
        }, RenderHelper.MinimalDefaults + "openshift:\n  enabled: true\n");

        var messages = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.OpenShiftSecurityContext).Select(d => d.Message).ToList();
        Assert.Equal(4, messages.Count);
        Assert.Contains(messages, m => m.Contains("securityContext.runAsUser is fixed to 1000", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("securityContext.fsGroup is fixed to 2000", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("allowPrivilegeEscalation is not false", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("capabilities.add lists NET_ADMIN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_SameDeploymentWithoutOpenShift_NoSccChecks()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["deployment.scriban"] = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: demo\nspec:\n  selector:\n    matchLabels:\n      app: demo\n  template:\n    metadata:\n      labels:\n        app: demo\n    spec:\n      securityContext:\n        runAsUser: 1000\n      containers:\n        - name: demo\n          image: demo:1\n",
        });

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }
}
