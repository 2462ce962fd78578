using System.Text;
using ContainerCloudBuild.Abstractions;

namespace ContainerCloudBuild.Git;

/// <summary>
/// The image tags for a commit: the version, the short sha, <c>{branch}-{sha}</c>, and <c>latest</c>
/// only on the default branch. A dirty work tree gets <c>-dirty</c> on every tag and never
/// <c>latest</c>, so its image cannot be mistaken for the commit's. Every tag is sanitised to
/// Docker's tag grammar (<see cref="ImageReference.IsValidTag"/>).
/// </summary>
public static class ImageTagPolicy
{
    public const int MaxTagLength = 128;
    private const string DirtySuffix = "-dirty";

    public static IReadOnlyList<string> TagsFor(SourceInfo source, string defaultBranch)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultBranch);
        var suffix = source.IsDirty ? DirtySuffix : "";
        var tags = new List<string>
        {
            Sanitize(source.Version, suffix),
            Sanitize(source.ShortSha, suffix),
        };
        if (source.Branch is { Length: > 0 } branch)
            tags.Add(Sanitize(branch, $"-{source.ShortSha}{suffix}"));
        if (!source.IsDirty && string.Equals(source.Branch, defaultBranch, StringComparison.Ordinal))
            tags.Add("latest");
        return tags.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Makes <paramref name="value"/> a valid Docker tag: characters outside <c>[A-Za-z0-9_.-]</c>
    /// become <c>-</c> (so <c>feature/login</c> becomes <c>feature-login</c> and SemVer build
    /// metadata <c>+x</c> becomes <c>-x</c>), runs of <c>-</c> collapse, leading <c>.</c>/<c>-</c> are
    /// removed, and the result is cut to 128 characters keeping <paramref name="suffix"/> whole.
    /// </summary>
    public static string Sanitize(string value, string suffix = "")
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(suffix);
        var body = Clean(value).TrimStart('.', '-');
        var tail = Clean(suffix);
        if (tail.StartsWith('-'))
            body = body.TrimEnd('-');
        if (body.Length == 0)
            body = "untagged";
        if (body.Length + tail.Length > MaxTagLength)
            body = body[..Math.Max(1, MaxTagLength - tail.Length)].TrimEnd('.', '-');
        var tag = body + tail;
        if (tag.Length > MaxTagLength)
            tag = tag[..MaxTagLength];
        if (!ImageReference.IsValidTag(tag))
            throw new InvalidOperationException($"Sanitising '{value}' produced '{tag}', which is not a valid tag; this is a bug.");
        return tag;
    }

    private static string Clean(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            var ok = ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '-';
            var next = ok ? ch : '-';
            if (next == '-' && builder.Length > 0 && builder[^1] == '-')
                continue;
            builder.Append(next);
        }
        return builder.ToString();
    }
}
