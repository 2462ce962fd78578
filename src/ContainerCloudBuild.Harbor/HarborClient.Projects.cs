using System.Net;
using ContainerCloudBuild.Harbor.Api;
using Microsoft.Extensions.Logging;
using RestSharp;

namespace ContainerCloudBuild.Harbor;

public sealed partial class HarborClient
{
    /// <summary>
    /// Makes sure the project exists with the given metadata: <c>HEAD /projects?project_name=</c>,
    /// then <c>POST /projects</c> when missing (409 from a concurrent creator counts as success),
    /// or <c>PUT /projects/{name}</c> to bring the metadata of an existing project in line.
    /// </summary>
    public async Task<ProjectEnsureOutcome> EnsureProjectAsync(ProjectSpec project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentException.ThrowIfNullOrWhiteSpace(project.Name);
        var metadata = new ProjectMetadataDto(
            Bool(project.Public), Bool(project.AutoScan), Bool(project.PreventVulnerable),
            SeverityNames.ToMetadataValue(project.Severity));

        var head = new HarborCall("headProject", $"check whether project '{project.Name}' exists", project.Name, "project", "read");
        var exists = await SendAsync(
            () => new RestRequest("projects", Method.Head).AddQueryParameter("project_name", project.Name),
            head, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);

        if (exists.StatusCode == HttpStatusCode.NotFound)
        {
            var create = new HarborCall("createProject", $"create project '{project.Name}'", null, "project", "create");
            var body = HarborJson.Serialize(new ProjectReqDto(project.Name, metadata));
            var created = await SendAsync(
                () => new RestRequest("projects", Method.Post).AddStringBody(body, ContentType.Json),
                create, cancellationToken, HttpStatusCode.Conflict).ConfigureAwait(false);
            if (created.StatusCode != HttpStatusCode.Conflict)
            {
                LogProjectCreated(project.Name);
                return ProjectEnsureOutcome.Created;
            }

            LogProjectConflict(project.Name);
        }

        var update = new HarborCall("updateProject", $"update metadata of project '{project.Name}'", project.Name, "project", "update");
        var updateBody = HarborJson.Serialize(new ProjectReqDto(null, metadata));
        await SendAsync(
            () => new RestRequest($"projects/{HarborPaths.Segment(project.Name)}", Method.Put)
                .AddHeader("X-Is-Resource-Name", "true")
                .AddStringBody(updateBody, ContentType.Json),
            update, cancellationToken).ConfigureAwait(false);
        LogProjectUpdated(project.Name);
        return ProjectEnsureOutcome.Updated;
    }

    private static string Bool(bool value) => value ? "true" : "false";

    [LoggerMessage(Level = LogLevel.Information, Message = "Harbor project {Project} created")]
    private partial void LogProjectCreated(string project);

    [LoggerMessage(Level = LogLevel.Information, Message = "Harbor project {Project} was created concurrently (409); updating its metadata")]
    private partial void LogProjectConflict(string project);

    [LoggerMessage(Level = LogLevel.Information, Message = "Harbor project {Project} exists; metadata updated")]
    private partial void LogProjectUpdated(string project);
}
