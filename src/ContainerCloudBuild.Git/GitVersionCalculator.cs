using LibGit2Sharp;

namespace ContainerCloudBuild.Git;

/// <summary>
/// Computes a version from the nearest <c>v*</c> SemVer tag reachable from HEAD. The height is the
/// shortest distance (in commits, following all parents) from HEAD to the tagged commit; when
/// several tags are equally near, the highest version wins. Without a tag the version is
/// <c>0.0.0-alpha.0.{N}</c>, N being the commits since the root commit (the root has 0).
/// </summary>
internal static class GitVersionCalculator
{
    public sealed record Result(string Version, string? Tag, int Height, IReadOnlyList<string> Notes);

    public static Result Compute(Repository repository, Commit head)
    {
        var tagsByCommit = VersionTagsByCommit(repository);
        var notes = new List<string>();
        var shallow = repository.Info.IsShallow;

        var visited = new HashSet<ObjectId> { head.Id };
        var frontier = new List<Commit> { head };
        var depth = 0;
        var incomplete = false;
        while (frontier.Count > 0)
        {
            var found = frontier
                .SelectMany(c => tagsByCommit.TryGetValue(c.Id, out var tags) ? tags : [])
                .Max();
            if (found is not null)
                return new Result(found.VersionAtHeight(depth), found.TagName, depth, ShallowNote(shallow, notes));

            var next = new List<Commit>();
            foreach (var commit in frontier)
            {
                foreach (var parent in Parents(commit, ref incomplete))
                {
                    if (visited.Add(parent.Id))
                        next.Add(parent);
                }
            }
            if (next.Count == 0)
                break;
            frontier = next;
            depth++;
        }

        var height = depth;
        var version = $"0.0.0-alpha.0.{height}";
        notes.Add(shallow || incomplete
            ? $"No v* version tag found in the fetched history; version fell back to {version}. This is a shallow clone: fetch tags and full history (git fetch --unshallow --tags, or fetch-depth: 0) for a real version."
            : $"No v* version tag is reachable from HEAD; version fell back to {version} ({height} commits since the root commit). Tag a release with 'git tag v1.0.0'.");
        return new Result(version, null, height, ShallowNote(shallow, notes));
    }

    /// <summary>Every tag pointing at <paramref name="commit"/>, v* SemVer tags first (highest first).</summary>
    public static string? ExactTag(Repository repository, Commit commit)
    {
        var names = repository.Tags
            .Where(t => t.PeeledTarget is Commit c && c.Id == commit.Id)
            .Select(t => t.FriendlyName)
            .ToList();
        var versions = names
            .Select(n => SemanticVersionTag.TryParse(n, out var v) ? v : null)
            .OfType<SemanticVersionTag>()
            .Max();
        return versions?.TagName ?? names.Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private static Dictionary<ObjectId, List<SemanticVersionTag>> VersionTagsByCommit(Repository repository)
    {
        var map = new Dictionary<ObjectId, List<SemanticVersionTag>>();
        foreach (var tag in repository.Tags)
        {
            if (tag.PeeledTarget is not Commit commit || !SemanticVersionTag.TryParse(tag.FriendlyName, out var version))
                continue;
            if (!map.TryGetValue(commit.Id, out var list))
                map[commit.Id] = list = [];
            list.Add(version);
        }
        return map;
    }

    private static IEnumerable<Commit> Parents(Commit commit, ref bool incomplete)
    {
        try
        {
            return commit.Parents.ToList();
        }
        catch (LibGit2SharpException)
        {
            // A parent missing from the object database: the history is cut off (shallow or grafted).
            incomplete = true;
            return [];
        }
    }

    private static List<string> ShallowNote(bool shallow, List<string> notes)
    {
        if (shallow && !notes.Exists(n => n.Contains("shallow", StringComparison.Ordinal)))
            notes.Add("This is a shallow clone: the version height counts only the fetched commits.");
        return notes;
    }
}
