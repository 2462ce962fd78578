using ContainerCloudBuild.Manifests.Models;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Manifests.Tests;

/// <summary>Values that render a Gateway API HTTPRoute instead of the Ingress.</summary>
public sealed class GatewayRenderTests
{
    private const string Gateway = "ingress:\n  enabled: true\n  host: billing.example.com\ngateway:\n  enabled: true\n  parentName: public\n  parentNamespace: gateways\n";

    [Fact]
    public async Task Render_Gateway_HttpRouteInsteadOfIngress()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, Gateway);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Documents, d => d.Kind == "Ingress");
        var route = (V1HttpRoute)Assert.Single(result.Documents, d => d.Kind == "HTTPRoute").Model;
        Assert.Equal(("public", "gateways", null), (route.Spec.ParentRefs!.Single().Name, route.Spec.ParentRefs!.Single().Namespace, route.Spec.ParentRefs!.Single().SectionName));
        Assert.Equal(["billing.example.com"], route.Spec.Hostnames!);
        var rule = route.Spec.Rules!.Single();
        Assert.Equal(("PathPrefix", "/"), (rule.Matches!.Single().Path!.Type, rule.Matches!.Single().Path!.Value));
        Assert.Equal(("billing", 80), (rule.BackendRefs!.Single().Name, rule.BackendRefs!.Single().Port ?? 0));
    }

    [Fact]
    public async Task Render_GatewayWithoutParent_SaysWhatToSet()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "ingress:\n  enabled: true\ngateway:\n  enabled: true\n");

        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("gateway.parentName is empty", StringComparison.Ordinal));
    }
}
