using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Api;
using ContainerCloudBuild.Kubernetes.Testing.Apply;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

public sealed class SelectorAndFieldSetTests
{
    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web,tier!=db", true)]
    [InlineData("app in (api, web)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("tier", false)]
    [InlineData("!tier", true)]
    [InlineData("app=api", false)]
    public void LabelSelector_Requirements_MatchLikeTheApiServer(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(new Dictionary<string, string> { ["app"] = "web" }));

    [Fact]
    public void FieldSet_OfDeployment_KeysContainersByNameAndRoundTripsThroughFieldsV1()
    {
        var deployment = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
             "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"app","image":"nginx:1"}]}}},
             "status":{"replicas":2}}
            """)!.AsObject();

        var set = FieldSet.Of(deployment);
        var roundTripped = FieldSet.FromFieldsV1(set.ToFieldsV1());

        Assert.Equal(set.Paths.Order(), roundTripped.Paths.Order());
        Assert.Contains(".spec.template.spec.containers[name=\"app\"].image", set.Paths.Select(FieldSet.Display));
        Assert.Contains(".metadata.labels.app", set.Paths.Select(FieldSet.Display));
        Assert.DoesNotContain(".status.replicas", set.Paths.Select(FieldSet.Display));
        Assert.DoesNotContain(".metadata.name", set.Paths.Select(FieldSet.Display));
    }

    [Fact]
    public void YamlToJson_PlainScalarsAreTypedQuotedStayStrings()
    {
        var node = YamlToJson.Parse("replicas: 3\nenabled: true\nversion: \"3\"\nname: web\nempty:\n")!.AsObject();

        Assert.Equal("{\"replicas\":3,\"enabled\":true,\"version\":\"3\",\"name\":\"web\",\"empty\":null}", node.ToJsonString());
    }
}
