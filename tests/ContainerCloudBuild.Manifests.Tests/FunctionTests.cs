using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Manifests.Tests;

public sealed class FunctionTests
{
    [Fact]
    public async Task Render_Functions_ProduceExpectedValues()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["cm.scriban"] = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ values.name | quote }}
                data:
                  b64: {{ values.name | b64enc | quote }}
                  sha: {{ "abc" | sha256 | quote }}
                  dflt: {{ "" | default "fallback" | quote }}
                  port: {{ values.port | quote_string }}
                  nested: {{ {a: "x: y"} | to_yaml 4 | sha256 | quote }}
                """ + "\n",
        });

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var data = ((k8s.Models.V1ConfigMap)Assert.Single(result.Documents).Model).Data;
        Assert.Equal("ZGVtbw==", data["b64"]);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", data["sha"]);
        Assert.Equal("8080", data["port"]);
        Assert.Equal("fallback", data["dflt"]);
        Assert.Equal(64, data["nested"].Length);
    }
}
