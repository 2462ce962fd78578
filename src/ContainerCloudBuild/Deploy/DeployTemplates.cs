namespace ContainerCloudBuild.Deploy;

/// <summary>
/// Where the values schema (<c>defaults.yaml</c>) and the manifest templates come from when a build names none: the
/// repository's own <c>templates/manifests</c> when it has one, else the copy shipped next to this library, so a team's
/// repository needs nothing but its service folders.
/// </summary>
public static class DeployTemplates
{
    public static string Shipped => Path.Combine(AppContext.BaseDirectory, "templates", "manifests");

    public static string Find(string repositoryRoot) => Find(repositoryRoot, "manifests");

    /// <summary>The tenant templates (<c>templates/tenant</c>: namespace, quota, limits, RoleBinding, NetworkPolicies), found the same way.</summary>
    public static string FindTenant(string repositoryRoot) => Find(repositoryRoot, "tenant");

    private static string Find(string repositoryRoot, string set)
    {
        var own = Path.Combine(repositoryRoot, "templates", set);
        return File.Exists(Path.Combine(own, "defaults.yaml")) ? own : Path.Combine(AppContext.BaseDirectory, "templates", set);
    }
}
