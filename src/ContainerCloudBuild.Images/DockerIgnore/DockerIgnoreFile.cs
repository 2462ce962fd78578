using System.Text;

namespace ContainerCloudBuild.Images.DockerIgnore;

/// <summary>
/// Reads <c>.dockerignore</c> the way Docker does: a UTF-8 BOM is dropped; a line whose first
/// character is <c>#</c> is a comment; whitespace around a pattern is trimmed; <c>!</c> starts an
/// exception; patterns are cleaned like Go's <c>filepath.Clean</c> and a leading <c>/</c> is removed
/// (patterns are always relative to the context root).
/// </summary>
public static class DockerIgnoreFile
{
    public const string FileName = ".dockerignore";

    public static IReadOnlyList<string> Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length > 0 && content[0] == '\uFEFF')
            content = content[1..];
        var patterns = new List<string>();
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0 && line[0] == '#')
                continue;
            var pattern = line.Trim();
            if (pattern.Length == 0)
                continue;
            var invert = pattern[0] == '!';
            if (invert)
                pattern = pattern[1..].Trim();
            if (pattern.Length > 0)
            {
                pattern = GoPath.Clean(pattern);
                if (pattern.Length > 1 && pattern[0] == '/')
                    pattern = pattern[1..];
            }
            patterns.Add(invert ? "!" + pattern : pattern);
        }
        return patterns;
    }

    /// <summary>The patterns of <c>{contextDirectory}/.dockerignore</c>, or none when it does not exist.</summary>
    public static IReadOnlyList<string> Read(string contextDirectory)
    {
        var path = Path.Combine(contextDirectory, FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path, Encoding.UTF8)) : [];
    }
}
