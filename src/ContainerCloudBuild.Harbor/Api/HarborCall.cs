namespace ContainerCloudBuild.Harbor.Api;

/// <summary>
/// One API operation as the error messages describe it: Harbor's operationId, what it does, and
/// the RBAC permission it needs (resource + action, in <see cref="Project"/> or system-wide).
/// </summary>
internal sealed record HarborCall(
    string Operation,
    string Description,
    string? Project,
    string PermissionResource,
    string PermissionAction);
