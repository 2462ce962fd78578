namespace ContainerCloudBuild.Kubernetes;

/// <summary>
/// The rules the API server checks object names against: a DNS label is lower-case letters, digits and '-', at most 63
/// characters, starting and ending with a letter or digit (RFC 1123; RFC 1035 also asks it to start with a letter).
/// Namespaces are RFC 1123 labels, Services RFC 1035 labels, most other objects RFC 1123 subdomains (labels joined by '.').
/// </summary>
public static class DnsLabel
{
    public const int MaxLength = 63;
    public const int MaxSubdomainLength = 253;

    /// <summary>An RFC 1123 label: what a Namespace's name must be.</summary>
    public static bool IsRfc1123(string name) => name.Length <= MaxLength && IsLabelShaped(name);

    /// <summary>An RFC 1035 label (an RFC 1123 label that starts with a letter): what a Service's name must be.</summary>
    public static bool IsRfc1035(string name) => IsRfc1123(name) && char.IsAsciiLetterLower(name[0]);

    /// <summary>An RFC 1123 subdomain: RFC 1123-shaped labels joined by '.', at most 253 characters in all.</summary>
    public static bool IsSubdomain(string name) => name.Length <= MaxSubdomainLength && name.Split('.').All(IsLabelShaped);

    /// <summary>Revision names allow '.' and '_', object names do not: both become '-'.</summary>
    public static string FromRevision(string value) => value.Replace('.', '-').Replace('_', '-');

    private static bool IsLabelShaped(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && IsAlphanumeric(name[0]) && IsAlphanumeric(name[^1]);

    private static bool IsAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
