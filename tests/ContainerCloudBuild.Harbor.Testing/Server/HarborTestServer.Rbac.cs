using System.Text.Json.Nodes;
using ContainerCloudBuild.Harbor.Testing.Spec;

namespace ContainerCloudBuild.Harbor.Testing.Server;

internal sealed partial class HarborTestServer
{
    /// <summary>The project-level permission ("resource:action") each implemented operation needs, as in Harbor's RBAC.</summary>
    private static readonly Dictionary<string, string> RequiredPermission = new(StringComparer.Ordinal)
    {
        ["headProject"] = "",
        ["updateProject"] = "project:update",
        ["CreateRobot"] = "robot:create",
        ["getArtifact"] = "repository:pull",
        ["listTags"] = "tag:list",
        ["createTag"] = "tag:create",
        ["scanArtifact"] = "scan:create",
        ["ListImmuRules"] = "immutable-tag:list",
        ["CreateImmuRule"] = "immutable-tag:create",
    };

    /// <summary>Users may do everything; a robot only what its project permissions grant (system operations never).</summary>
    private bool IsAllowed(string user, string operationId, SpecRequest request, IReadOnlyDictionary<string, string> path)
    {
        lock (Model.Gate)
        {
            var robot = Model.Robots.FirstOrDefault(r => r.Name == user);
            if (robot is null)
                return true;
            if (!RequiredPermission.TryGetValue(operationId, out var permission))
                return false;
            if (permission.Length == 0)
                return true;
            var project = path.GetValueOrDefault("project_name") ?? path.GetValueOrDefault("project_name_or_id")
                ?? JsonNode.Parse(request.Body ?? "{}")?["permissions"]?[0]?["namespace"]?.GetValue<string>();
            return project == robot.Project && robot.Permissions.Contains(permission);
        }
    }
}
