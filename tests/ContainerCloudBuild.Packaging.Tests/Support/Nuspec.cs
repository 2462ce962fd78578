using System.IO.Compression;
using System.Xml.Linq;

namespace ContainerCloudBuild.Packaging.Tests.Support;

/// <summary>What a package's .nuspec says: id, version, license, readme and dependencies.</summary>
internal sealed record Nuspec(string Id, string Version, string? License, string? Readme, IReadOnlyList<(string Id, string Version)> Dependencies, IReadOnlyList<string> Files)
{
    public static Nuspec Read(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = entry.Open();
        var document = XDocument.Load(stream);
        var ns = document.Root!.Name.Namespace;
        var metadata = document.Root.Element(ns + "metadata")!;
        var dependencies = metadata.Descendants(ns + "dependency")
            .Select(d => ((string)d.Attribute("id")!, (string)d.Attribute("version")!))
            .Distinct()
            .ToList();
        return new Nuspec((string)metadata.Element(ns + "id")!, (string)metadata.Element(ns + "version")!, (string?)metadata.Element(ns + "license"),
            (string?)metadata.Element(ns + "readme"), dependencies, zip.Entries.Select(e => e.FullName).ToList());
    }
}
