using System.Text;

namespace ContainerCloudBuild.Engine.Parameters;

/// <summary>Derives the command-line and environment names of a parameter and compares names loosely.</summary>
public static class ParameterNames
{
    /// <summary><c>ImageTag</c> → <c>image-tag</c>.</summary>
    public static string Kebab(string name) => Join(Words(name), '-').ToLowerInvariant();

    /// <summary><c>ImageTag</c> → <c>IMAGE_TAG</c>.</summary>
    public static string EnvironmentName(string name) => Join(Words(name), '_').ToUpperInvariant();

    /// <summary>Lower-case letters and digits only: <c>IMAGE_TAG</c>, <c>image-tag</c> and <c>ImageTag</c> are equal.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    private static List<string> Words(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            var boundary = current.Length > 0 && char.IsUpper(c) &&
                (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (boundary) Flush();
            current.Append(c);
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0) words.Add(current.ToString());
            current.Clear();
        }
    }

    private static string Join(List<string> words, char separator) => string.Join(separator, words);
}
