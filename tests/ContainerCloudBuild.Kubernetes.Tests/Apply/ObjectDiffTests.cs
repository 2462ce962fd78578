using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Kubernetes.Tests.Apply;

public sealed class ObjectDiffTests
{
    private static readonly ResourceId Deployment = new(ResourceKind.Find("apps/v1", "Deployment")!, "team", "orders");

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Between_NoLiveObject_RendersCreated()
    {
        var diff = ObjectDiff.Between(Deployment, null, Parse("""{"spec":{"replicas":2}}"""));
        Assert.True(diff.Creates);
        Assert.Equal("+ Deployment/orders (namespace team) (created)\n", diff.Render());
    }

    [Fact]
    public void Between_ChangedAddedRemovedFields_ListsEachLeafByContainerName()
    {
        var live = Parse("""
            {"metadata":{"name":"orders","resourceVersion":"7","generation":3,"managedFields":[{"manager":"x"}]},
             "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"app","image":"r/orders:1","env":[{"name":"OLD","value":"1"}]}]}}},
             "status":{"replicas":2}}
            """);
        var after = Parse("""
            {"metadata":{"name":"orders","resourceVersion":"8","generation":4},
             "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"app","image":"r/orders:2","env":[{"name":"NEW","value":"2"}]}]}}},
             "status":{"replicas":3}}
            """);

        var text = ObjectDiff.Between(Deployment, live, after).Render();

        Assert.Equal(
            """
            ~ Deployment/orders (namespace team)
                  spec.replicas: 2 → 3
                + spec.template.spec.containers[name=app].env[name=NEW].name: "NEW"
                + spec.template.spec.containers[name=app].env[name=NEW].value: "2"
                - spec.template.spec.containers[name=app].env[name=OLD].name: "OLD"
                - spec.template.spec.containers[name=app].env[name=OLD].value: "1"
                  spec.template.spec.containers[name=app].image: "r/orders:1" → "r/orders:2"

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);
    }

    [Fact]
    public void Between_OnlyServerMaintainedFieldsDiffer_IsUnchanged()
    {
        var live = Parse("""{"metadata":{"name":"orders","resourceVersion":"7","uid":"a","creationTimestamp":"t"},"spec":{"replicas":2},"status":{"x":1}}""");
        var after = Parse("""{"metadata":{"name":"orders","resourceVersion":"9","uid":"a"},"spec":{"replicas":2},"status":{"x":2}}""");
        var diff = ObjectDiff.Between(Deployment, live, after);
        Assert.True(diff.IsEmpty);
        Assert.StartsWith("= Deployment/orders", diff.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Between_SecretData_NeverShowsValues()
    {
        var secret = new ResourceId(ResourceKind.Find("v1", "Secret")!, "team", "db");
        var diff = ObjectDiff.Between(secret, Parse("""{"data":{"password":"b2xkLXNlY3JldA=="}}"""), Parse("""{"data":{"password":"bmV3LXNlY3JldA=="}}"""));
        var text = diff.Render();
        Assert.DoesNotContain("b2xk", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bmV3", text, StringComparison.Ordinal);
        Assert.True(diff.IsEmpty, "both values mask to the same text, so no secret value leaks through a difference either");
    }
}
