namespace ContainerCloudBuild.Harbor;

/// <summary>Vulnerability severities in Harbor's order, lowest first.</summary>
public enum Severity
{
    None = 0,
    Unknown = 1,
    Negligible = 2,
    Low = 3,
    Medium = 4,
    High = 5,
    Critical = 6,
}

/// <summary>Parsing of Harbor's severity names ("Critical", "high", ...).</summary>
public static class SeverityNames
{
    public static bool TryParse(string? name, out Severity severity) =>
        Enum.TryParse(name, ignoreCase: true, out severity) && Enum.IsDefined(severity);

    /// <summary>The lowercase name Harbor's project metadata uses ("none", "low", ...).</summary>
    public static string ToMetadataValue(Severity severity) =>
        severity.ToString().ToLowerInvariant();
}
