using System.Text.RegularExpressions;

namespace ContainerCloudBuild.Rollouts;

/// <summary>Application and revision names are used in file names, container names and router names, so they are restricted.</summary>
public static partial class RolloutNames
{
    public static void Validate(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!Pattern().IsMatch(value))
            throw new ArgumentException(
                $"{what} '{value}' is not valid: use 1-40 characters of lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.", what);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,39}$")]
    private static partial Regex Pattern();
}
