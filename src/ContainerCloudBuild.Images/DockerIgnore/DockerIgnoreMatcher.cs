namespace ContainerCloudBuild.Images.DockerIgnore;

/// <summary>
/// Decides which context paths <c>.dockerignore</c> excludes, with Docker's rules: patterns apply in
/// order, the last matching one wins (<c>!</c> re-includes), and a pattern that matches a parent
/// directory matches everything below it.
/// </summary>
public sealed class DockerIgnoreMatcher
{
    public DockerIgnoreMatcher(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        Patterns = patterns
            .Select(p => p.Trim())
            .Where(p => p.Length > 0)
            .Select(p => new DockerIgnorePattern(p))
            .ToList();
        HasExceptions = Patterns.Any(p => p.IsException);
    }

    public IReadOnlyList<DockerIgnorePattern> Patterns { get; }

    /// <summary>True when any pattern starts with <c>!</c>.</summary>
    public bool HasExceptions { get; }

    /// <summary>
    /// True when <paramref name="path"/> (slash-separated, relative to the context root) is excluded,
    /// checking the path itself and each of its parent directories.
    /// </summary>
    public bool IsExcluded(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = GoPath.Clean(path);
        if (path == ".")
            return false;
        var matched = false;
        foreach (var pattern in Patterns)
        {
            if (pattern.IsException != matched)
                continue;
            var match = pattern.Matches(path) || MatchesAParent(pattern, path);
            if (match)
                matched = !pattern.IsException;
        }
        return matched;
    }

    /// <summary>
    /// The incremental form used while walking a tree: <paramref name="parentResults"/> holds, per
    /// pattern, whether it matched the parent directory (empty for top-level entries). Returns
    /// whether <paramref name="path"/> is excluded and the per-pattern results for its children.
    /// </summary>
    public (bool Excluded, bool[] Results) IsExcluded(string path, bool[] parentResults)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(parentResults);
        if (parentResults.Length != 0 && parentResults.Length != Patterns.Count)
            throw new ArgumentException("One result per pattern is needed.", nameof(parentResults));
        var results = new bool[Patterns.Count];
        var matched = false;
        for (var i = 0; i < Patterns.Count; i++)
        {
            var pattern = Patterns[i];
            var match = parentResults.Length != 0 && parentResults[i];
            if (!match)
            {
                if (pattern.IsException != matched)
                    continue;
                match = pattern.Matches(path);
                if (!match && parentResults.Length == 0)
                    match = MatchesAParent(pattern, path);
            }
            results[i] = match;
            if (match)
                matched = !pattern.IsException;
        }
        return (matched, results);
    }

    /// <summary>
    /// True when an exception pattern may re-include something below <paramref name="directory"/>,
    /// so an excluded directory still has to be walked.
    /// </summary>
    public bool MayReincludeBelow(string directory)
    {
        var prefix = directory + "/";
        return Patterns.Any(p => p.IsException && (p.Text + "/").StartsWith(prefix, StringComparison.Ordinal));
    }

    private static bool MatchesAParent(DockerIgnorePattern pattern, string path)
    {
        var parent = GoPath.Dir(path);
        if (parent == ".")
            return false;
        var dirs = parent.Split('/');
        for (var i = 1; i <= dirs.Length; i++)
        {
            if (pattern.Matches(string.Join('/', dirs[..i])))
                return true;
        }
        return false;
    }
}
