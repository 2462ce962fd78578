using System.IO.Compression;
using ContainerCloudBuild.Packaging.Tests.Support;

namespace ContainerCloudBuild.Packaging.Tests;

public sealed class PackageGraphTests(PackedFeed feed)
{
    private IReadOnlyList<Nuspec> Libraries() =>
        Directory.EnumerateFiles(feed.Directory, "*.nupkg").Select(Nuspec.Read).Where(n => n.Id != "ContainerCloudBuild.Templates").ToList();

    [Fact]
    public void Libraries_EverySrcProject_IsPackedWithTheFeedVersion()
    {
        var projects = Directory.EnumerateDirectories(Path.Combine(SourceTree.Root, "src")).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(projects, Libraries().Select(n => n.Id).Order(StringComparer.Ordinal));
        Assert.All(Libraries(), n => Assert.Equal(feed.Version, n.Version));
    }

    [Fact]
    public void Dependencies_BetweenOurPackages_PointIntoTheFeedAndHaveNoCycle()
    {
        var byId = Libraries().ToDictionary(n => n.Id);
        var ours = byId.Values.SelectMany(n => n.Dependencies.Where(d => d.Id.StartsWith("ContainerCloudBuild", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, d => Assert.True(byId.ContainsKey(d.Id) && d.Version == feed.Version, $"{d.Id} {d.Version} is not in the feed"));

        var state = new Dictionary<string, bool>(); // false: on the current path, true: done
        void Visit(string id, Stack<string> path)
        {
            if (state.TryGetValue(id, out var done))
            {
                Assert.True(done, $"dependency cycle: {string.Join(" -> ", path.Reverse().Append(id))}");
                return;
            }
            state[id] = false;
            path.Push(id);
            foreach (var dependency in byId[id].Dependencies.Where(d => byId.ContainsKey(d.Id)))
                Visit(dependency.Id, path);
            path.Pop();
            state[id] = true;
        }
        foreach (var id in byId.Keys)
            Visit(id, new Stack<string>());
    }

    [Fact]
    public void Engine_Dependencies_AreTheSecretsAndFilesPackagesAndLoggingAbstractionsOnly()
    {
        var engine = Libraries().Single(n => n.Id == "ContainerCloudBuild.Engine");

        Assert.Equal(["ContainerCloudBuild.Files", "ContainerCloudBuild.Secrets", "Microsoft.Extensions.Logging.Abstractions"], engine.Dependencies.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Libraries_Metadata_HaveReadmeLicenseAndSymbolPackages()
    {
        Assert.All(Libraries(), n =>
        {
            Assert.Equal("MIT", n.License);
            Assert.Equal("README.md", n.Readme);
            Assert.Contains("README.md", n.Files);
            var symbols = Path.Combine(feed.Directory, $"{n.Id}.{n.Version}.snupkg");
            using var zip = ZipFile.OpenRead(symbols);
            Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{n.Id}.pdb");
        });
    }

    [Fact]
    public void HostPackage_Content_CarriesTheManifestTemplatesCopiedToOutput()
    {
        var host = Libraries().Single(n => n.Id == "ContainerCloudBuild");

        Assert.Contains("contentFiles/any/any/templates/manifests/defaults.yaml", host.Files);
        Assert.Contains("contentFiles/any/any/templates/manifests/deployment.scriban", host.Files);
    }
}
