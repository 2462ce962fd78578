using ContainerCloudBuild.Harbor.Api;
using Microsoft.Extensions.Logging;
using RestSharp;

namespace ContainerCloudBuild.Harbor;

public sealed partial class HarborClient
{
    /// <summary>
    /// Creates a project-level robot account (<c>POST /robots</c>) with the requested repository
    /// actions (push and pull by default). The secret Harbor returns once is handed back as a
    /// <see cref="HarborSecret"/> and never logged.
    /// </summary>
    public async Task<RobotAccount> CreateRobotAccountAsync(RobotAccountRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Project);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name);
        if (request.RepositoryActions.Count == 0)
            throw new ArgumentException("A robot account needs at least one repository action (e.g. pull).", nameof(request));
        if (request.DurationDays is 0 or < -1)
            throw new ArgumentException("DurationDays must be -1 (never expires) or a positive number of days.", nameof(request));

        var body = HarborJson.Serialize(new RobotCreateDto(
            request.Name, request.Description, "project", Disable: false, request.DurationDays,
            [new RobotPermissionDto("project", request.Project,
                request.RepositoryActions.Select(a => new AccessDto("repository", a)).ToList())]));
        var call = new HarborCall("CreateRobot", $"create robot account '{request.Name}' in project '{request.Project}'",
            request.Project, "robot", "create");
        var response = await SendAsync(
            () => new RestRequest("robots", Method.Post).AddStringBody(body, ContentType.Json),
            call, cancellationToken).ConfigureAwait(false);

        var created = HarborJson.Deserialize<RobotCreatedDto>(response.Content, call);
        if (string.IsNullOrEmpty(created.Secret) || string.IsNullOrEmpty(created.Name))
            throw new HarborApiException(
                $"Harbor created robot account '{request.Name}' in project '{request.Project}' but returned no name or secret; delete it in Harbor and retry.",
                call.Operation, response.StatusCode, null, null, "");
        DateTimeOffset? expires = created.ExpiresAt is > 0 and var e ? DateTimeOffset.FromUnixTimeSeconds(e) : null;
        LogRobotCreated(created.Name, request.Project, string.Join(",", request.RepositoryActions));
        return new RobotAccount(created.Id, created.Name, new HarborSecret(created.Secret), expires);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Harbor robot account {Robot} created in project {Project} with repository actions {Actions} (secret withheld)")]
    private partial void LogRobotCreated(string robot, string project, string actions);
}
