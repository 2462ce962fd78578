using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ContainerCloudBuild.Git;

/// <summary>A <c>v</c>-prefixed SemVer tag such as <c>v1.4.0</c> or <c>v2.0.0-rc.1</c>.</summary>
internal sealed partial record SemanticVersionTag(string TagName, int Major, int Minor, int Patch, string? PreRelease)
    : IComparable<SemanticVersionTag>
{
    public static bool TryParse(string tagName, [NotNullWhen(true)] out SemanticVersionTag? version)
    {
        version = null;
        var match = Pattern().Match(tagName);
        if (!match.Success)
            return false;
        if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || !int.TryParse(match.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var patch))
            return false;
        var pre = match.Groups[4].Success ? match.Groups[4].Value : null;
        version = new SemanticVersionTag(tagName, major, minor, patch, pre);
        return true;
    }

    public string Core => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");

    public override string ToString() => PreRelease is null ? Core : $"{Core}-{PreRelease}";

    /// <summary>
    /// The version <paramref name="height"/> commits after this tag: the tag itself at height 0,
    /// <c>{major}.{minor}.{patch+1}-alpha.0.{height}</c> after a release, <c>{version}.{height}</c>
    /// after a pre-release.
    /// </summary>
    public string VersionAtHeight(int height)
    {
        if (height == 0)
            return ToString();
        if (PreRelease is not null)
            return string.Create(CultureInfo.InvariantCulture, $"{this}.{height}");
        return string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch + 1}-alpha.0.{height}");
    }

    public int CompareTo(SemanticVersionTag? other)
    {
        if (other is null)
            return 1;
        var core = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (core != 0)
            return core;
        if (PreRelease is null || other.PreRelease is null)
            return (PreRelease is null ? 1 : 0) - (other.PreRelease is null ? 1 : 0);
        return ComparePreRelease(PreRelease, other.PreRelease);
    }

    private static int ComparePreRelease(string left, string right)
    {
        var a = left.Split('.');
        var b = right.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var aNumeric = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var an);
            var bNumeric = long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var bn);
            var result = (aNumeric, bNumeric) switch
            {
                (true, true) => an.CompareTo(bn),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (result != 0)
                return result;
        }
        return a.Length.CompareTo(b.Length);
    }

    [GeneratedRegex(@"^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex Pattern();
}
