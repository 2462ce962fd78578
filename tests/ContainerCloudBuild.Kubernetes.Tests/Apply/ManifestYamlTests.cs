using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Kubernetes.Tests.Apply;

public sealed class ManifestYamlTests
{
    [Fact]
    public void ReadObjects_PlainAndQuotedScalars_TypedAsYamlCoreSchema()
    {
        var yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: typed
            spec:
              replicas: 3
              negative: -2
              ratio: 0.5
              exponent: 1e3
              enabled: true
              off: False
              nothing: ~
              empty:
              quotedNumber: "8080"
              quotedBool: 'true'
              version: 1.0.1
              block: |
                line
              list: [a, 2]
            """;

        var spec = Assert.Single(ManifestYaml.ReadObjects(yaml, "typed.yaml"))["spec"]!.AsObject();

        Assert.Equal(3, spec["replicas"]!.GetValue<long>());
        Assert.Equal(-2, spec["negative"]!.GetValue<long>());
        Assert.Equal(0.5, spec["ratio"]!.GetValue<double>());
        Assert.Equal(1000, spec["exponent"]!.GetValue<double>());
        Assert.True(spec["enabled"]!.GetValue<bool>());
        Assert.False(spec["off"]!.GetValue<bool>());
        Assert.True(spec.ContainsKey("nothing") && spec["nothing"] is null);
        Assert.True(spec.ContainsKey("empty") && spec["empty"] is null);
        Assert.Equal("8080", spec["quotedNumber"]!.GetValue<string>());
        Assert.Equal("true", spec["quotedBool"]!.GetValue<string>());
        Assert.Equal("1.0.1", spec["version"]!.GetValue<string>());
        Assert.Equal("line\n", spec["block"]!.GetValue<string>());
        Assert.Equal("""["a",2]""", spec["list"]!.ToJsonString());
    }

    [Fact]
    public void ReadObjects_SeveralDocuments_ReturnsEachNonEmptyOneInOrder()
    {
        var objects = ManifestYaml.ReadObjects("---\nkind: A\n---\n# only a comment\n---\nkind: B\n", "two.yaml");

        Assert.Equal(["A", "B"], objects.Select(o => o["kind"]!.GetValue<string>()));
    }

    [Fact]
    public void ReadObjects_InvalidYaml_ThrowsNamingSourceAndLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => ManifestYaml.ReadObjects("kind: A\n  bad: [\n", "broken.yaml"));

        Assert.Contains("broken.yaml", e.Message, StringComparison.Ordinal);
        Assert.Contains("line", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadObject_ScalarDocument_ThrowsNotAnObject()
    {
        var e = Assert.Throws<InvalidDataException>(() => ManifestYaml.ReadObject("just text\n", "scalar.yaml"));

        Assert.Contains("not a Kubernetes object", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadObject_RenderedDocumentYaml_EqualsTheTypedModelAsJson()
    {
        const string yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n";

        var read = ManifestYaml.ReadObject(yaml, "web");

        var typed = JsonNode.Parse(k8s.KubernetesJson.Serialize(k8s.KubernetesYaml.Deserialize<k8s.Models.V1Deployment>(yaml)))!;
        Assert.True(JsonNode.DeepEquals(typed, read), $"{typed.ToJsonString()} != {read.ToJsonString()}");
    }
}
