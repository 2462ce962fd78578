using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Kubernetes.Tests.Apply;

public sealed class ApplyConflictTests
{
    // The Status body a kube-apiserver returns for a server-side apply conflict (two fields, two managers).
    private const string ConflictStatus = """
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
         "message":"Apply failed with 2 conflicts: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas\nconflict with \"hpa-controller\" using apps/v1: .spec.template.spec.containers[name=\"app\"].image",
         "reason":"Conflict","details":{"causes":[
           {"reason":"FieldManagerConflict","message":"conflict with \"kubectl-edit\" using apps/v1","field":".spec.replicas"},
           {"reason":"FieldManagerConflict","message":"conflict with \"hpa-controller\" using apps/v1","field":".spec.template.spec.containers[name=\"app\"].image"}]},
         "code":409}
        """;

    [Fact]
    public void ParseConflicts_ApiServerStatus_NamesEachFieldAndManager()
    {
        var conflicts = ApplyConflictException.ParseConflicts(ConflictStatus);
        Assert.Equal([(".spec.replicas", "kubectl-edit"), (".spec.template.spec.containers[name=\"app\"].image", "hpa-controller")],
            conflicts.Select(c => (c.Field, c.Manager)));
    }

    [Fact]
    public void Message_Conflict_NamesFieldManagerWhereAndTheForceOption()
    {
        var id = new ResourceId(ResourceKind.Find("apps/v1", "Deployment")!, "team", "orders");
        var e = new ApplyConflictException(id, "cluster 'c', context 'x', namespace 'team'", ApplyConflictException.ParseConflicts(ConflictStatus), ConflictStatus);
        Assert.Contains(".spec.replicas is owned by \"kubectl-edit\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("Deployment/orders (namespace team)", e.Message, StringComparison.Ordinal);
        Assert.Contains("context 'x'", e.Message, StringComparison.Ordinal);
        Assert.Contains("--force-conflicts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseConflicts_NotAStatus_ReturnsNone() => Assert.Empty(ApplyConflictException.ParseConflicts("<html>proxy error</html>"));
}
