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

    [Fact]
    public async Task ReadAsync_ManyFiles_KeepsFileAndDocumentOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory("ccb-folder");
        for (var i = 0; i < 60; i++)
        {
            var service = $"svc{i % 7}";
            await File.WriteAllTextAsync(temp.Combine($"f{i:000}.yaml"),
                $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {service}-{i}a\n  labels:\n    app.kubernetes.io/instance: {service}\n---\n" +
                $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {service}-{i}b\n  labels:\n    app.kubernetes.io/instance: {service}\n", ct);
        }

        var services = await ManifestFolder.ReadAsync(temp.Path, ct);

        var expected = Enumerable.Range(0, 7).Select(s => $"svc{s}: " + string.Join(',',
            Enumerable.Range(0, 60).Where(i => i % 7 == s).SelectMany(i => new[] { $"svc{s}-{i}a", $"svc{s}-{i}b" })));
        Assert.Equal(expected, services.Select(s => $"{s.Service}: {string.Join(',', s.Objects.Select(o => o.Name))}"));
    }

    [Fact]
    public async Task ReadAsync_SeveralInvalidFiles_ReportsTheFirstInNameOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory("ccb-folder");
        for (var i = 0; i < 40; i++)
            await File.WriteAllTextAsync(temp.Combine($"f{i:000}.yaml"), i is 13 or 31 ? "- a list\n- not an object\n" : $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm{i}\n", ct);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ManifestFolder.ReadAsync(temp.Path, ct));

        Assert.Contains("f013.yaml", error.Message, StringComparison.Ordinal);
    }
}
