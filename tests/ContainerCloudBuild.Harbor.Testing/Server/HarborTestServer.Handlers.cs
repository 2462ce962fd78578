using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Harbor.Testing.Spec;

namespace ContainerCloudBuild.Harbor.Testing.Server;

internal sealed partial class HarborTestServer
{
    private const string Timestamp = "2026-01-02T03:04:05Z";

    private Reply Handle(string operationId, SpecRequest request, IReadOnlyDictionary<string, string> path)
    {
        lock (Model.Gate)
        {
            return operationId switch
            {
                "getPing" => new Reply(HttpStatusCode.OK, Text: "Pong"),
                "getHealth" => new Reply(HttpStatusCode.OK, new JsonObject
                {
                    ["status"] = "healthy",
                    ["components"] = new JsonArray(new JsonObject { ["name"] = "core", ["status"] = "healthy" }),
                }),
                "headProject" => Model.Projects.ContainsKey(request.Query["project_name"])
                    ? new Reply(HttpStatusCode.OK) : Reply.Error(HttpStatusCode.NotFound, "NOT_FOUND", "project not found"),
                "createProject" => CreateProject(JsonNode.Parse(request.Body!)!.AsObject()),
                "updateProject" => UpdateProject(path["project_name_or_id"], JsonNode.Parse(request.Body!)!.AsObject()),
                "CreateRobot" => CreateRobot(JsonNode.Parse(request.Body!)!.AsObject()),
                "getArtifact" => GetArtifact(request, path),
                "scanArtifact" => WithArtifact(path, (_, a) =>
                {
                    a.ScanRequested = true;
                    a.ScanPolls = 0;
                    return new Reply(HttpStatusCode.Accepted);
                }),
                "createTag" => CreateTag(path, JsonNode.Parse(request.Body!)!["name"]!.GetValue<string>()),
                "listTags" => WithArtifact(path, (_, a) => Page(request, a.Tags.Select(t => TagJson(a, t)).ToList<JsonNode>())),
                "ListImmuRules" => Model.Projects.TryGetValue(path["project_name_or_id"], out var p)
                    ? Page(request, p.ImmutableRules.Select(r => r.DeepClone()).ToList())
                    : Reply.Error(HttpStatusCode.Forbidden, "FORBIDDEN", "forbidden"),
                "CreateImmuRule" => CreateImmutableRule(path["project_name_or_id"], JsonNode.Parse(request.Body!)!.AsObject()),
                _ => throw new NotSupportedException($"The test server does not implement {operationId}."),
            };
        }
    }

    private Reply CreateProject(JsonObject body)
    {
        var name = body["project_name"]!.GetValue<string>();
        if (Model.Projects.ContainsKey(name))
            return Reply.Error(HttpStatusCode.Conflict, "CONFLICT", $"The project named {name} already exists");
        var project = Model.AddProject(name);
        if (body["metadata"] is JsonObject metadata)
            project.Metadata = metadata.DeepClone().AsObject();
        return new Reply(HttpStatusCode.Created, Headers: new Dictionary<string, string>
        {
            ["Location"] = $"/api/v2.0/projects/{project.Id}",
        });
    }

    private Reply UpdateProject(string name, JsonObject body)
    {
        if (!Model.Projects.TryGetValue(name, out var project))
            return Reply.Error(HttpStatusCode.NotFound, "NOT_FOUND", $"project {name} not found");
        if (body["metadata"] is JsonObject metadata)
            project.Metadata = metadata.DeepClone().AsObject();
        return new Reply(HttpStatusCode.OK);
    }

    private Reply CreateRobot(JsonObject body)
    {
        var permission = body["permissions"]?.AsArray().FirstOrDefault()?.AsObject();
        var projectName = permission?["namespace"]?.GetValue<string>() ?? "";
        if (body["level"]?.GetValue<string>() != "project" || !Model.Projects.ContainsKey(projectName))
            return Reply.Error(HttpStatusCode.BadRequest, "BAD_REQUEST", $"project {projectName} not found or level is not project");
        var actions = permission!["access"]!.AsArray()
            .Select(a => $"{a!["resource"]!.GetValue<string>()}:{a["action"]!.GetValue<string>()}").ToList();
        var name = $"robot${projectName}+{body["name"]!.GetValue<string>()}";
        if (Model.Robots.Any(r => r.Name == name))
            return Reply.Error(HttpStatusCode.Conflict, "CONFLICT", $"robot account {name} already exists");
        var robot = new RobotState(Model.NextId++, name,
            "S3cr3t-" + Guid.NewGuid().ToString("N"), projectName, actions);
        Model.Robots.Add(robot);
        return new Reply(HttpStatusCode.Created, new JsonObject
        {
            ["id"] = robot.Id,
            ["name"] = robot.Name,
            ["secret"] = robot.Secret,
            ["creation_time"] = Timestamp,
            ["expires_at"] = -1,
        });
    }

    private Reply CreateImmutableRule(string projectName, JsonObject body)
    {
        if (!Model.Projects.TryGetValue(projectName, out var project))
            return Reply.Error(HttpStatusCode.NotFound, "NOT_FOUND", $"project {projectName} not found");
        var rule = body.DeepClone().AsObject();
        rule["id"] = Model.NextId++;
        project.ImmutableRules.Add(rule);
        return new Reply(HttpStatusCode.Created);
    }

    /// <summary>Harbor-style pagination: page/page_size, X-Total-Count and a Link header with prev/next.</summary>
    private Reply Page(SpecRequest request, List<JsonNode> items)
    {
        var page = int.Parse(request.Query.GetValueOrDefault("page", "1"), CultureInfo.InvariantCulture);
        var size = int.Parse(request.Query.GetValueOrDefault("page_size", "10"), CultureInfo.InvariantCulture);
        var slice = items.Skip((page - 1) * size).Take(size).ToArray();
        string Link(int p) => $"<{request.RawPath}?page={p}&page_size={size}>";
        var links = new List<string>();
        if (page > 1)
            links.Add(Link(page - 1) + "; rel=\"prev\"");
        if (page * size < items.Count)
            links.Add(Link(page + 1) + "; rel=\"next\"");
        var headers = new Dictionary<string, string> { ["X-Total-Count"] = items.Count.ToString(CultureInfo.InvariantCulture) };
        if (links.Count > 0 && SendLinkHeader)
            headers["Link"] = string.Join(", ", links);
        return new Reply(HttpStatusCode.OK, new JsonArray(slice), Headers: headers);
    }
}
