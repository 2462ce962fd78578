using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Manifests.Tests;

/// <summary>The outage-catching checks, each triggered through values on the shipped templates.</summary>
public sealed class ConsistencyCheckTests
{
    [Fact]
    public async Task Render_PodLabelsOverrideSelector_ReportsSelectorMismatch()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "labels:\n  app.kubernetes.io/name: other\n");

        var d = RenderHelper.Single(result, DiagnosticCodes.SelectorMismatch);
        Assert.Equal("deployment.scriban: error CHK001: Deployment/billing: spec.selector.matchLabels app.kubernetes.io/name=billing does not match the pod template label (app.kubernetes.io/name=other). The Deployment would select no pods; make them equal.", d.ToString());
    }

    [Theory]
    [InlineData("web", "'web'")]
    [InlineData("\"9999\"", "'9999'")]
    public async Task Render_ServiceTargetPortNotInPod_ReportsTargetPort(string targetPort, string shown)
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, $"service:\n  targetPort: {targetPort}\n");

        var d = RenderHelper.Single(result, DiagnosticCodes.ServiceTargetPort);
        Assert.Equal($"service.scriban: error CHK002: Service/billing: port 'http' targetPort {shown} is not a container port of Deployment/billing (ports: http=8080). Fix targetPort or the container's ports.", d.ToString());
    }

    [Fact]
    public async Task Render_ServiceTargetPortByNumber_IsAccepted()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "service:\n  targetPort: \"8080\"\n");

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public async Task Render_ProbePortNotInContainer_ReportsProbe()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "probes:\n  liveness:\n    port: htp\n");

        var d = RenderHelper.Single(result, DiagnosticCodes.ProbePort);
        Assert.Equal("deployment.scriban: error CHK003: Deployment/billing: container 'billing' livenessProbe port 'htp' is not a port of the container (ports: http=8080). Probe a declared containerPort by name or number.", d.ToString());
    }

    [Fact]
    public async Task Render_RequestAboveLimit_ReportsResource()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "resources:\n  requests:\n    cpu: \"2\"\n");

        var d = RenderHelper.Single(result, DiagnosticCodes.RequestsExceedLimits);
        Assert.Equal("deployment.scriban: error CHK004: Deployment/billing: container 'billing' requests.cpu (2) exceeds limits.cpu (500m). Lower the request or raise the limit.", d.ToString());
    }

    [Fact]
    public async Task Render_UndeclaredSecretReference_ReportsReference()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "envFromSecrets: [db-creds]\n");

        var d = RenderHelper.Single(result, DiagnosticCodes.MissingReference);
        Assert.Equal("deployment.scriban: error CHK005: Deployment/billing references Secret 'db-creds' (spec.template.spec.containers[0].envFrom[0].secretRef), which is neither rendered nor declared external. Render it or add it to external.secrets.", d.ToString());
    }

    [Fact]
    public async Task Render_UndeclaredExistingClaim_ReportsReference()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "persistence:\n  enabled: true\n  existingClaim: shared-data\n");

        var d = RenderHelper.Single(result, DiagnosticCodes.MissingReference);
        Assert.Equal("Deployment/billing references PersistentVolumeClaim 'shared-data' (spec.template.spec.volumes[1].persistentVolumeClaim), which is neither rendered nor declared external. Render it or add it to external.persistentVolumeClaims.", d.Message);
    }

    [Fact]
    public async Task Render_ReferencesDeclaredExternal_Succeed()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp,
            "envFromSecrets: [db-creds]\nenvFromConfigMaps: [shared]\npersistence:\n  enabled: true\n  existingClaim: shared-data\n" +
            "external:\n  secrets: [db-creds]\n  configMaps: [shared]\n  persistentVolumeClaims: [shared-data]\n");

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public async Task Render_FailedChecks_WriteNoOutput()
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile("values.yaml", "envFromSecrets: [db-creds]\n");
        var output = temp.Combine("out");
        var result = await new ManifestRenderer().RenderAsync(new RenderRequest(TestPaths.Templates)
        {
            ValuesFiles = [Path.Combine(TestPaths.Cases, "small.yaml"), file],
            OutputDirectory = output,
        }, TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.False(Directory.Exists(output));
    }
}
