namespace ContainerCloudBuild.CiGeneration;

/// <summary>YAML scalars as the writers emit them: plain when unambiguous, otherwise double-quoted.</summary>
internal static class Yaml
{
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var plain = value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' || c is '_' || c is '.' || c is '/')
            && !char.IsAsciiDigit(value[0]) && value is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off");
        return plain ? value : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
