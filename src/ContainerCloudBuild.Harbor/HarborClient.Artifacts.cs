using ContainerCloudBuild.Harbor.Api;
using Microsoft.Extensions.Logging;
using RestSharp;

namespace ContainerCloudBuild.Harbor;

public sealed partial class HarborClient
{
    /// <summary>The report types the client understands, in preference order (spec default of X-Accept-Vulnerabilities).</summary>
    internal const string AcceptVulnerabilities =
        "application/vnd.security.vulnerability.report; version=1.1, application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0";

    /// <summary>
    /// Gets an artifact by tag or digest with its tags and scan overview. A 404 throws a
    /// <see cref="HarborApiException"/> naming project, repository and reference.
    /// </summary>
    public async Task<HarborArtifact> GetArtifactAsync(string project, string repository, string reference,
        CancellationToken cancellationToken)
    {
        ValidateArtifactArgs(project, repository, reference);
        var call = new HarborCall("getArtifact", $"get artifact {project}/{repository}@{reference}", project, "repository", "pull");
        var response = await SendAsync(
            () => new RestRequest(HarborPaths.Artifact(project, repository, reference))
                .AddQueryParameter("with_tag", "true")
                .AddQueryParameter("with_scan_overview", "true")
                .AddHeader("X-Accept-Vulnerabilities", AcceptVulnerabilities),
            call, cancellationToken).ConfigureAwait(false);
        var dto = HarborJson.Deserialize<ArtifactDto>(response.Content, call);
        return new HarborArtifact(project, repository, dto.Digest ?? "",
            dto.Tags?.Select(t => t.Name).OfType<string>().ToList() ?? [],
            dto.PushTime, ScanOverviewMapper.FromWire(dto.ScanOverview, AcceptVulnerabilities));
    }

    /// <summary>Adds <paramref name="tag"/> to the artifact (<c>POST .../tags</c>).</summary>
    public async Task AddTagAsync(string project, string repository, string reference, string tag,
        CancellationToken cancellationToken)
    {
        ValidateArtifactArgs(project, repository, reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var call = new HarborCall("createTag", $"add tag '{tag}' to {project}/{repository}@{reference}", project, "tag", "create");
        var body = HarborJson.Serialize(new NewTagDto(tag));
        await SendAsync(
            () => new RestRequest(HarborPaths.Artifact(project, repository, reference) + "/tags", Method.Post)
                .AddStringBody(body, ContentType.Json),
            call, cancellationToken).ConfigureAwait(false);
        LogTagAdded(tag, project, repository, reference);
    }

    /// <summary>All tags of an artifact, across pages.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(string project, string repository, string reference,
        CancellationToken cancellationToken)
    {
        ValidateArtifactArgs(project, repository, reference);
        var call = new HarborCall("listTags", $"list tags of {project}/{repository}@{reference}", project, "tag", "list");
        var tags = await GetAllPagesAsync<TagDto>(HarborPaths.Artifact(project, repository, reference) + "/tags",
            _ => { }, call, cancellationToken).ConfigureAwait(false);
        return tags.Select(t => t.Name).OfType<string>().ToList();
    }

    private static void ValidateArtifactArgs(string project, string repository, string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(project);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Harbor tag {Tag} added to {Project}/{Repository}@{Reference}")]
    private partial void LogTagAdded(string tag, string project, string repository, string reference);
}
