using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Manifests.Tests;

public sealed class KubernetesModelTests
{
    private const string DeploymentHead = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: demo\nspec:\n";

    [Fact]
    public async Task Render_UnknownKind_NamesDocumentAndTemplate()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["widget.scriban"] = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: demo\n",
        });

        var d = RenderHelper.Single(result, DiagnosticCodes.UnknownKind);
        Assert.Equal("widget.scriban: error K8S001: document Widget/demo: unknown kind 'Widget' for apiVersion 'example.com/v1'. Use a built-in Kubernetes kind with its apiVersion (e.g. apps/v1 Deployment).", d.ToString());
    }

    [Fact]
    public async Task Render_UnknownField_NamesDocumentFieldAndTemplate()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["deploy.scriban"] = DeploymentHead + "  replicas: 1\n  replicaz: 2\n",
        });

        var d = RenderHelper.Single(result, DiagnosticCodes.UnknownField);
        Assert.Equal("deploy.scriban: error K8S002: document Deployment/demo, field 'spec.replicaz' (rendered line 7): unknown field. Property 'replicaz' not found on type 'k8s.Models.V1DeploymentSpec'. Remove it or fix its name.", d.ToString());
    }

    [Fact]
    public async Task Render_UnknownNestedField_NamesThePathWithListIndex()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["deploy.scriban"] = DeploymentHead + "  template:\n    spec:\n      containers:\n        - name: a\n          image: x\n        - name: b\n          imagee: y\n",
        });

        var d = RenderHelper.Single(result, DiagnosticCodes.UnknownField);
        Assert.StartsWith("document Deployment/demo, field 'spec.template.spec.containers[1].imagee' (rendered line 12): unknown field.", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WrongFieldType_NamesDocumentFieldAndTemplate()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["deploy.scriban"] = DeploymentHead + "  replicas: many\n",
        });

        var d = RenderHelper.Single(result, DiagnosticCodes.WrongFieldType);
        Assert.Equal("deploy.scriban: error K8S003: document Deployment/demo, field 'spec.replicas' (rendered line 6): wrong type. The input string 'many' was not in a correct format. Render the type the Kubernetes API expects.", d.ToString());
    }

    [Fact]
    public async Task Render_DocumentWithoutName_IsReported()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["cm.scriban"] = "apiVersion: v1\nkind: ConfigMap\n",
        });

        var d = RenderHelper.Single(result, DiagnosticCodes.MissingIdentity);
        Assert.Equal("cm.scriban: error K8S004: a rendered document lacks apiVersion, kind or metadata.name. Every document must be a Kubernetes resource with all three.", d.ToString());
    }

    [Fact]
    public async Task Render_InvalidYamlFromTemplate_IsReported()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["cm.scriban"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\ndata:\n  a: {{ values.name }}: b\n",
        });

        var d = RenderHelper.Single(result, DiagnosticCodes.TemplateOutputNotYaml);
        Assert.StartsWith("the template produced invalid YAML at rendered line 6", d.Message, StringComparison.Ordinal);
        Assert.Equal("cm.scriban", d.File);
    }

    [Fact]
    public async Task Render_MultipleDocumentsInOneTemplate_AreSplitAndNamed()
    {
        using var temp = new TempDirectory();
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string>
        {
            ["cms.scriban"] = "{{ for i in 1..2 }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{{ i }}\n{{ end }}",
        });

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal(["configmap-cm-1.yaml", "configmap-cm-2.yaml"], result.Documents.Select(d => d.FileName));
        Assert.All(result.Documents, d => Assert.Equal("cms.scriban", d.Template));
    }

    [Fact]
    public async Task Render_SameResourceTwice_IsReported()
    {
        using var temp = new TempDirectory();
        const string cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n";
        var result = await RenderHelper.RenderCustomAsync(temp, new Dictionary<string, string> { ["a.scriban"] = cm, ["b.scriban"] = cm });

        var d = RenderHelper.Single(result, DiagnosticCodes.DuplicateResource);
        Assert.Equal("a.scriban: error CHK006: ConfigMap/same is rendered more than once (by a.scriban, b.scriban). Give each resource a unique name.", d.ToString());
    }
}
