using System.Text.RegularExpressions;

namespace ContainerCloudBuild.Tools.HarborContract;

/// <summary>Where the upstream swagger.yaml came from: repository, path, commit and <c>git describe</c>.</summary>
public sealed partial record ContractSource(string Repository, string Path, string Commit, string Describe)
{
    public const string Unknown = "unknown (no SOURCE.md beside the swagger.yaml; see source.sha256)";

    /// <summary>Reads the SOURCE.md kept beside the copied swagger.yaml; unknown fields say so.</summary>
    public static ContractSource FromSourceNotes(string? notes)
    {
        notes ??= "";
        var repository = RepositoryLine().Match(notes);
        var commit = CommitLine().Match(notes);
        var describe = DescribeText().Match(notes);
        var path = PathLine().Match(notes);
        return new ContractSource(
            repository.Success ? repository.Groups[1].Value : "https://github.com/goharbor/harbor",
            path.Success ? path.Groups[1].Value : "api/v2.0/swagger.yaml",
            commit.Success ? commit.Groups[1].Value : Unknown,
            describe.Success ? describe.Groups[1].Value : Unknown);
    }

    [GeneratedRegex(@"Repository:\s*(\S+)")]
    private static partial Regex RepositoryLine();

    [GeneratedRegex(@"Commit:\s*([0-9a-f]{40})")]
    private static partial Regex CommitLine();

    [GeneratedRegex(@"git describe`:\s*([^\s;)]+)")]
    private static partial Regex DescribeText();

    [GeneratedRegex(@"Path:\s*`([^`]+)`")]
    private static partial Regex PathLine();
}
