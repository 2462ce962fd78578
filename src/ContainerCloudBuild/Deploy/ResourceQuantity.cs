using System.Globalization;

namespace ContainerCloudBuild.Deploy;

/// <summary>Kubernetes resource quantities as a Docker host needs them: CPU in cores, memory in bytes.</summary>
public static class ResourceQuantity
{
    private static readonly (string Suffix, long Factor)[] MemorySuffixes =
    [
        ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40),
        ("k", 1_000), ("K", 1_000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000),
    ];

    /// <summary>"500m" is 0.5 cores, "2" is 2 cores; null when the text is not a CPU quantity.</summary>
    public static double? ParseCpu(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.EndsWith('m') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var milli) && milli > 0)
            return milli / 1000;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var cores) && cores > 0 ? cores : null;
    }

    /// <summary>"256Mi" is 268435456 bytes, "1G" 10^9; null when the text is not a memory quantity.</summary>
    public static long? ParseMemory(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        foreach (var (suffix, factor) in MemorySuffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
                return (long)(amount * factor);
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) && bytes > 0 ? bytes : null;
    }
}
