using System.Text;
using System.Text.RegularExpressions;

namespace ContainerCloudBuild.Images.DockerIgnore;

/// <summary>
/// One cleaned pattern, compiled like Docker's pattern matcher: <c>*</c> is any run of characters
/// except <c>/</c>, <c>?</c> one such character, <c>**</c> any number of path segments (including
/// none), <c>[...]</c> a character class, <c>\</c> escapes the next character.
/// </summary>
public sealed class DockerIgnorePattern
{
    private enum Kind { Exact, Prefix, Suffix, Regex }

    private readonly Kind _kind;
    private readonly Regex? _regex;

    public DockerIgnorePattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var text = GoPath.Clean(pattern.Trim());
        if (text[0] == '!')
        {
            if (text.Length == 1)
                throw new FormatException("Illegal exclusion pattern \"!\": '!' must be followed by a pattern.");
            IsException = true;
            text = text[1..];
        }
        Text = text;
        (_kind, _regex) = Compile(text);
    }

    /// <summary>The cleaned pattern without its leading <c>!</c>.</summary>
    public string Text { get; }

    /// <summary>True for a <c>!</c> pattern, which re-includes what earlier patterns excluded.</summary>
    public bool IsException { get; }

    public bool Matches(string path) => _kind switch
    {
        Kind.Exact => path == Text,
        Kind.Prefix => path.StartsWith(Text[..^2], StringComparison.Ordinal),
        Kind.Suffix => path.EndsWith(Text[2..], StringComparison.Ordinal)
            || (Text.Length > 2 && Text[2] == '/' && path == Text[3..]),
        _ => _regex!.IsMatch(path),
    };

    public override string ToString() => (IsException ? "!" : "") + Text;

    private static (Kind, Regex?) Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        var kind = Kind.Exact;
        for (var i = 0; i < pattern.Length; i++)
        {
            var first = i == 0;
            var ch = pattern[i];
            if (ch == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    i++;
                if (i + 1 >= pattern.Length)
                {
                    if (kind == Kind.Exact)
                        kind = Kind.Prefix;
                    else
                    {
                        regex.Append(".*");
                        kind = Kind.Regex;
                    }
                }
                else
                {
                    regex.Append("(.*/)?");
                    kind = Kind.Regex;
                }
                if (first)
                    kind = Kind.Suffix;
            }
            else if (ch == '*')
            {
                regex.Append("[^/]*");
                kind = Kind.Regex;
            }
            else if (ch == '?')
            {
                regex.Append("[^/]");
                kind = Kind.Regex;
            }
            else if (".+()|{}$".Contains(ch, StringComparison.Ordinal))
            {
                regex.Append('\\').Append(ch);
            }
            else if (ch == '\\')
            {
                if (i + 1 < pattern.Length)
                {
                    regex.Append('\\').Append(pattern[++i]);
                    kind = Kind.Regex;
                }
                else
                {
                    regex.Append(@"\\");
                }
            }
            else
            {
                if (ch is '[' or ']')
                    kind = Kind.Regex;
                regex.Append(ch);
            }
        }
        if (kind != Kind.Regex)
            return (kind, null);
        regex.Append(@"\z");
        try
        {
            return (kind, new Regex(regex.ToString(), RegexOptions.CultureInvariant));
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"Pattern '{pattern}' is not valid: {ex.Message}", ex);
        }
    }
}
