using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>
/// The name rules the real API server checks on create: a Service's name is a DNS-1035 label, a Namespace's a DNS-1123
/// label, every other object's a DNS-1123 subdomain. Errors are worded like the server's 422 Invalid.
/// </summary>
public static class ObjectNames
{
    public static void Check(ResourceType type, string name)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(name);
        var problem = type.Kind switch
        {
            "Service" => DnsLabel.IsRfc1035(name) ? null
                : "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, " +
                  "and end with an alphanumeric character, at most 63 characters (regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "Namespace" => DnsLabel.IsRfc1123(name) ? null
                : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character, at most 63 characters",
            _ => DnsLabel.IsSubdomain(name) ? null
                : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        };
        if (problem is not null)
            throw KubeApiException.Invalid(type, name, $"metadata.name: Invalid value: \"{name}\": {problem}");
    }
}
