using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Manifests.Tests;

public sealed class ValuesTests
{
    [Fact]
    public async Task Render_UnknownKeyInValuesFile_ReportsFileLineAndKnownKeys()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "replicas: 3\nservice:\n  prot: 8080\n");

        var d = RenderHelper.Single(result, DiagnosticCodes.ValuesUnknownKey);
        Assert.Equal("values.yaml:3:3: error VAL001: unknown key 'service.prot'. Known keys under 'service': enabled, type, port, targetPort. Fix the spelling or remove it.", d.ToString());
        Assert.Empty(result.Documents);
    }

    [Fact]
    public async Task Render_WrongTypeInValuesFile_ReportsExpectedType()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "replicas: three\n");

        var d = RenderHelper.Single(result, DiagnosticCodes.ValuesWrongType);
        Assert.Equal("values.yaml:1:11: error VAL002: 'replicas' must be an integer, but got a string 'three'. Use the type of the template default.", d.ToString());
    }

    [Fact]
    public async Task Render_SetOverride_WinsOverFilesAndIsTyped()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "replicas: 3\n", "replicas=5", "image.tag=1.10", "podAnnotations.example\\.com/team=checkout");

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Contains("replicas: 5\n", result.MergedValuesYaml, StringComparison.Ordinal);
        Assert.Contains("  tag: \"1.10\"\n", result.MergedValuesYaml, StringComparison.Ordinal);
        Assert.Contains("  example.com/team: checkout\n", result.MergedValuesYaml, StringComparison.Ordinal);
        var deployment = (k8s.Models.V1Deployment)result.Documents.Single(d => d.Kind == "Deployment").Model;
        Assert.Equal(5, deployment.Spec.Replicas);
        Assert.Equal("registry.local:5000/shop/billing:1.10", deployment.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Render_SetOverrideUnknownKey_NamesTheOverride()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "", "servce.port=80");

        var d = RenderHelper.Single(result, DiagnosticCodes.ValuesUnknownKey);
        Assert.StartsWith("--set servce.port=80: error VAL001: unknown key 'servce'. Known keys at the top level: name, namespace,", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SetOverrideWithoutEquals_IsReported()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "", "replicas");

        var d = RenderHelper.Single(result, DiagnosticCodes.ValuesBadSet);
        Assert.Equal("--set: error VAL003: 'replicas' is not a valid override. Use path.to.key=value (escape a dot in a key as '\\.'; set whole lists in a values file).", d.ToString());
    }

    [Fact]
    public async Task Render_MissingEnvironmentFile_ListsTheEnvironmentsThatExist()
    {
        var result = await new ManifestRenderer().RenderAsync(
            RenderRequest.ForService(TestPaths.Templates, TestPaths.SampleService, "prod"), TestContext.Current.CancellationToken);

        var d = RenderHelper.Single(result, DiagnosticCodes.ValuesFileMissing);
        Assert.EndsWith("values.prod.yaml' does not exist. Create it (it may be empty) or use one of the environments: staging.", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_EnvironmentLayer_OverridesBaseValues()
    {
        var baseOnly = await new ManifestRenderer().RenderAsync(
            RenderRequest.ForService(TestPaths.Templates, TestPaths.SampleService, null), TestContext.Current.CancellationToken);
        var staging = await new ManifestRenderer().RenderAsync(
            RenderRequest.ForService(TestPaths.Templates, TestPaths.SampleService, "staging"), TestContext.Current.CancellationToken);

        Assert.True(baseOnly.Success && staging.Success);
        Assert.DoesNotContain(baseOnly.Documents, d => d.Kind == "Ingress");
        Assert.Equal("hello-service.demo.staging.apps.example.com",
            ((k8s.Models.V1Ingress)staging.Documents.Single(d => d.Kind == "Ingress").Model).Spec.Rules[0].Host);
    }

    [Fact]
    public async Task Render_UnknownKeyInListItem_IsReportedWithItemIndex()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "env:\n  - name: A\n    valeu: b\n");

        var d = RenderHelper.Single(result, DiagnosticCodes.ValuesUnknownKey);
        Assert.Equal("values.yaml:3:5: error VAL001: unknown key 'env[0].valeu'. Known keys under 'env[0]': name, value. Fix the spelling or remove it.", d.ToString());
    }

    [Fact]
    public async Task Render_ListItemOfWrongShape_IsReported()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "imagePullSecrets:\n  - name: harbor\n");

        var d = RenderHelper.Single(result, DiagnosticCodes.ValuesWrongType);
        Assert.Equal("values.yaml:2:5: error VAL002: 'imagePullSecrets[0]' must be a string, but got a mapping. Use the type of the template default.", d.ToString());
    }

    [Fact]
    public async Task Render_ListItems_AreTypedAndCompletedFromSchema()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "env:\n  - name: SIZE\n    value: 512\nports:\n  - name: grpc\n    containerPort: 9000\n");

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Contains("  - name: SIZE\n    value: \"512\"\n", result.MergedValuesYaml, StringComparison.Ordinal);
        Assert.Contains("  - name: grpc\n    containerPort: 9000\n    protocol: TCP\n", result.MergedValuesYaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_UnpairedSurrogateInOverride_IsADiagnosticNotAnException()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderShippedAsync(temp, "", "tenant=a\uD800b");

        var d = RenderHelper.Single(result, DiagnosticCodes.ValuesWrongType);
        Assert.StartsWith("a value cannot be written as YAML: The value contains an unpaired UTF-16 surrogate (U+D800) at index 1", d.Message, StringComparison.Ordinal);
    }
}
