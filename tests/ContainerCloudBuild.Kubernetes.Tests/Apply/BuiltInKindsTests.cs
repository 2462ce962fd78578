using ContainerCloudBuild.Kubernetes.Apply;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Tests.Apply;

public sealed class BuiltInKindsTests
{
    [Fact]
    public void All_Table_MatchesKubernetesClientTypedModels()
    {
        var models = typeof(V1Pod).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(KubernetesEntityAttribute), false).OfType<KubernetesEntityAttribute>().FirstOrDefault())
            .Where(e => e is { PluralName.Length: > 0 } && !e.Kind.EndsWith("List", StringComparison.Ordinal))
            .Select(e => $"(\"{e!.Group ?? ""}\", \"{e.ApiVersion}\", \"{e.Kind}\", \"{e.PluralName}\"),")
            .Distinct().Order(StringComparer.Ordinal).ToList();

        var table = BuiltInKinds.Models.Select(k => $"(\"{k.Group}\", \"{k.Version}\", \"{k.Kind}\", \"{k.Plural}\"),").ToList();

        Assert.True(models.SequenceEqual(table), "BuiltInKinds.Models is out of date; its entries should read:\n" + string.Join('\n', models));
    }
}
