using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Deploy.Kubernetes;

/// <summary>The one options object of the <c>Tenant</c> target: the tenant templates, the cluster and Harbor.</summary>
public sealed record TenantOptions
{
    /// <summary>The tenant templates (<c>templates/tenant</c>) whose <c>defaults.yaml</c> is the tenant values schema.</summary>
    public required string TemplatesDirectory { get; init; }

    /// <summary>The service templates (<c>templates/manifests</c>), whose network rule the tenant's allow policy includes.</summary>
    public required string ServiceTemplatesDirectory { get; init; }

    /// <summary>The cluster; its namespace is ignored (the tenant's namespace is its name).</summary>
    public ClusterAccessOptions Access { get; init; } = new();

    public string FieldManager { get; init; } = ApplyOptions.DefaultFieldManager;
}

/// <summary>Where Harbor is and who creates projects and robots there (an admin or a system robot).</summary>
public sealed record TenantHarborOptions(Uri Url, string Username, string Password);
