using System.Text;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Manifests.Tests;

public sealed class OutputTests
{
    private static RenderRequest Sample() => RenderRequest.ForService(TestPaths.Templates, TestPaths.SampleService, "staging");

    [Fact]
    public async Task Render_SameInputsTwice_IsByteIdentical()
    {
        using var stream1 = new MemoryStream();
        using var stream2 = new MemoryStream();
        await new ManifestRenderer().RenderAsync(Sample() with { OutputStream = stream1 }, TestContext.Current.CancellationToken);
        await new ManifestRenderer().RenderAsync(Sample() with { OutputStream = stream2 }, TestContext.Current.CancellationToken);

        Assert.NotEmpty(stream1.ToArray());
        Assert.Equal(stream1.ToArray(), stream2.ToArray());
    }

    [Fact]
    public async Task Render_SampleStagingToFolderAndStream_WritesValidatedManifests()
    {
        using var temp = new TempDirectory();
        using var stream = new MemoryStream();
        var result = await new ManifestRenderer().RenderAsync(Sample() with { OutputDirectory = temp.Path, OutputStream = stream },
            TestContext.Current.CancellationToken);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var files = Directory.GetFiles(temp.Path).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
        [
            "configmap-hello-service-config.yaml", "deployment-hello-service.yaml", "horizontalpodautoscaler-hello-service.yaml",
            "ingress-hello-service.yaml", "networkpolicy-hello-service.yaml", "persistentvolumeclaim-hello-service-data.yaml",
            "poddisruptionbudget-hello-service.yaml", "service-hello-service.yaml", "serviceaccount-hello-service.yaml",
        ], files);
        var multi = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(result.Documents.Count - 1, multi.Split("\n---\n").Length - 1);
        var reloaded = k8s.KubernetesYaml.LoadAllFromString(multi, null, strict: true);
        Assert.Equal(result.Documents.Select(d => d.Kind), reloaded.Select(o => ((k8s.IKubernetesObject)o).Kind));
        Assert.Equal("NetworkPolicy", result.Documents[0].Kind);
    }

    [Fact]
    public async Task Render_PipelineImageWithDigest_IsDeployedByDigest()
    {
        var image = ImageReference.Parse("harbor.local/samples/hello-service:1.0.1@sha256:" + new string('b', 64));
        var result = await new ManifestRenderer().RenderAsync(Sample() with { Image = image }, TestContext.Current.CancellationToken);

        var deployment = (k8s.Models.V1Deployment)result.Documents.Single(d => d.Kind == "Deployment").Model;
        Assert.Equal("harbor.local/samples/hello-service@sha256:" + new string('b', 64), deployment.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Render_ConfigChange_ChangesChecksumAnnotation()
    {
        var ct = TestContext.Current.CancellationToken;
        var renderer = new ManifestRenderer();
        var a = await renderer.RenderAsync(Sample(), ct);
        var b = await renderer.RenderAsync(Sample() with { SetOverrides = ["config.data.LOG_LEVEL=debug"] }, ct);
        var c = await renderer.RenderAsync(Sample() with { SetOverrides = ["replicas=3"] }, ct);

        static string Checksum(RenderResult r) =>
            ((k8s.Models.V1Deployment)r.Documents.Single(d => d.Kind == "Deployment").Model).Spec.Template.Metadata.Annotations["checksum/config"];
        Assert.Matches("^[0-9a-f]{64}$", Checksum(a));
        Assert.NotEqual(Checksum(a), Checksum(b));
        Assert.Equal(Checksum(a), Checksum(c));
    }

    [Fact]
    public async Task Render_MergedValues_ShowEveryLayer()
    {
        var result = await new ManifestRenderer().RenderAsync(Sample() with { SetOverrides = ["replicas=7"] }, TestContext.Current.CancellationToken);

        Assert.StartsWith("name: hello-service\nnamespace: hello-staging\ntenant: demo\n", result.MergedValuesYaml, StringComparison.Ordinal);
        Assert.Contains("\nreplicas: 7\n", result.MergedValuesYaml, StringComparison.Ordinal);
        Assert.Contains("    cpu: \"200m\"\n", result.MergedValuesYaml, StringComparison.Ordinal);
        Assert.Contains("  storageClass: ceph-rbd\n", result.MergedValuesYaml, StringComparison.Ordinal);
    }
}
