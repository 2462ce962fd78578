using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Manifests.Tests;

/// <summary>
/// Renders each case into a folder and compares every file byte for byte with Goldens/&lt;case&gt;.
/// Set UPDATE_GOLDENS=1 to rewrite the goldens from the current output (then review the diff).
/// </summary>
public sealed class GoldenTests
{
    public static TheoryData<string> Cases => ["small", "medium", "everything"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Render_Case_MatchesGoldenFiles(string name)
    {
        using var output = new TempDirectory("ccb-golden");
        var request = new RenderRequest(TestPaths.Templates)
        {
            ValuesFiles = [Path.Combine(TestPaths.Cases, name + ".yaml")],
            Image = name == "everything"
                ? ImageReference.Parse("harbor.local/shop/orders:5.0.0@sha256:" + new string('a', 64))
                : null,
            OutputDirectory = output.Path,
        };

        var result = await new ManifestRenderer().RenderAsync(request, TestContext.Current.CancellationToken);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        File.WriteAllText(output.Combine("_merged-values.yaml"), result.MergedValuesYaml);
        var golden = Path.Combine(TestPaths.Goldens, name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDENS") == "1")
        {
            if (Directory.Exists(golden)) Directory.Delete(golden, recursive: true);
            Directory.CreateDirectory(golden);
            foreach (var file in Directory.GetFiles(output.Path))
                File.Copy(file, Path.Combine(golden, Path.GetFileName(file)));
        }
        Assert.True(Directory.Exists(golden), $"No goldens in {golden}; run with UPDATE_GOLDENS=1 once and review them.");
        Assert.Equal(FileNames(golden), FileNames(output.Path));
        foreach (var file in FileNames(golden))
            Assert.Equal(File.ReadAllBytes(Path.Combine(golden, file)), File.ReadAllBytes(output.Combine(file)));
    }

    [Fact]
    public void Goldens_EveryResourceTemplate_IsCovered()
    {
        var kinds = Directory.GetFiles(Path.Combine(TestPaths.Goldens, "everything"), "*.yaml")
            .Select(f => Path.GetFileName(f).Split('-')[0]).ToHashSet();
        string[] expected = ["configmap", "deployment", "horizontalpodautoscaler", "ingress", "networkpolicy",
            "persistentvolumeclaim", "poddisruptionbudget", "service", "serviceaccount"];
        Assert.All(expected, k => Assert.Contains(k, kinds));
    }

    private static List<string> FileNames(string directory) =>
        Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;
}
