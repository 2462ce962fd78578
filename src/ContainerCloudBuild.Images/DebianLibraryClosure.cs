namespace ContainerCloudBuild.Images;

/// <summary>
/// The shared libraries Debian packages need at run time: <c>apt-get download</c> resolves nothing, so a root filesystem made
/// with <c>dpkg -x</c> needs its library packages named. Follows Depends and Pre-Depends (the first of alternatives) but only
/// into packages of section <c>libs</c>, so maintainer-script tooling (adduser, debconf, ucf, init-system-helpers) stays out.
/// </summary>
public static class DebianLibraryClosure
{
    /// <summary>The library packages <paramref name="roots"/> need, transitively, except those in <paramref name="alreadyPresent"/>.</summary>
    public static async Task<IReadOnlyList<string>> ResolveAsync(IReadOnlyCollection<string> roots, IReadOnlyCollection<string> alreadyPresent,
        string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(alreadyPresent);
        var seen = new HashSet<string>(roots, StringComparer.Ordinal);
        var libraries = new SortedSet<string>(StringComparer.Ordinal);
        var frontier = roots.ToList();
        while (frontier.Count > 0)
        {
            var dependsOutput = await ProcessRunner.RunAsync("apt-cache",
                ["depends", "--no-recommends", "--no-suggests", "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances", .. frontier],
                workingDirectory, cancellationToken).ConfigureAwait(false);
            var candidates = ParseDepends(dependsOutput).Where(seen.Add).ToList();
            if (candidates.Count == 0)
                break;
            var showOutput = await ProcessRunner.RunAsync("apt-cache", ["show", "--no-all-versions", .. candidates], workingDirectory,
                cancellationToken).ConfigureAwait(false);
            frontier = ParseSections(showOutput).Where(p => IsLibrarySection(p.Value)).Select(p => p.Key).ToList();
            libraries.UnionWith(frontier);
        }
        libraries.ExceptWith(alreadyPresent);
        return [.. libraries];
    }

    /// <summary>The package names <c>apt-cache depends</c> lists as Depends or PreDepends: the first of each group of alternatives, no virtual ones.</summary>
    public static IReadOnlyList<string> ParseDepends(string aptCacheDependsOutput)
    {
        ArgumentNullException.ThrowIfNull(aptCacheDependsOutput);
        var names = new List<string>();
        var previousWasAlternative = false;
        foreach (var raw in aptCacheDependsOutput.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length < 3 || line[0] != ' ')
                continue;
            var alternative = line[1] == '|';
            var body = line.TrimStart(' ', '|');
            var colon = body.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
                continue; // a provider line under a virtual package
            var kind = body[..colon];
            var name = body[(colon + 2)..].Trim();
            var followsAlternative = previousWasAlternative;
            previousWasAlternative = alternative;
            if (kind is not ("Depends" or "PreDepends") || followsAlternative || name.StartsWith('<'))
                continue;
            var arch = name.IndexOf(':', StringComparison.Ordinal);
            names.Add(arch < 0 ? name : name[..arch]);
        }
        return names;
    }

    /// <summary>Package name to section from <c>apt-cache show</c> stanzas.</summary>
    public static IReadOnlyDictionary<string, string> ParseSections(string aptCacheShowOutput)
    {
        ArgumentNullException.ThrowIfNull(aptCacheShowOutput);
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? package = null;
        foreach (var line in aptCacheShowOutput.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("Package: ", StringComparison.Ordinal))
                package = line["Package: ".Length..].Trim();
            else if (line.StartsWith("Section: ", StringComparison.Ordinal) && package is not null)
                sections.TryAdd(package, line["Section: ".Length..].Trim());
        }
        return sections;
    }

    private static bool IsLibrarySection(string section) => section == "libs" || section.EndsWith("/libs", StringComparison.Ordinal);
}
