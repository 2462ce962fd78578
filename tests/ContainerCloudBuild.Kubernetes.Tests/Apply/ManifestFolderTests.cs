using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Kubernetes.Tests.Apply;

public sealed class ManifestFolderTests
{
    [Fact]
    public async Task ReadAsync_RenderedFolder_GroupsObjectsByInstanceInFileOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory("ccb-folder");
        await File.WriteAllTextAsync(temp.Combine("a.yaml"), "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n  labels:\n    app.kubernetes.io/instance: orders\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-config\n  labels:\n    app.kubernetes.io/instance: billing\n", ct);
        await File.WriteAllTextAsync(temp.Combine("b.yml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: orders-config\n  labels:\n    app.kubernetes.io/instance: orders\n", ct);
        await File.WriteAllTextAsync(temp.Combine("c.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: loose\n", ct);
        await File.WriteAllTextAsync(temp.Combine("notes.txt"), "not a manifest", ct);

        var services = await ManifestFolder.ReadAsync(temp.Path, ct);

        Assert.Equal(["orders: orders,orders-config", "billing: billing-config", "loose: loose"],
            services.Select(s => $"{s.Service}: {string.Join(',', s.Objects.Select(o => o.Name))}"));
    }
}
