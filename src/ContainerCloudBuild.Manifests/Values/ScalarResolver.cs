using System.Globalization;
using System.Text.RegularExpressions;

namespace ContainerCloudBuild.Manifests.Values;

/// <summary>Resolves plain (unquoted) scalars with the YAML 1.2 core schema.</summary>
internal static partial class ScalarResolver
{
    public static ValueScalar Resolve(string text, bool quoted, ValueSource? source)
    {
        if (quoted)
            return new ValueScalar(source, ScalarKind.String, text, text);
        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
            return new ValueScalar(source, ScalarKind.Null, null, text);
        if (text is "true" or "True" or "TRUE")
            return new ValueScalar(source, ScalarKind.Bool, true, text);
        if (text is "false" or "False" or "FALSE")
            return new ValueScalar(source, ScalarKind.Bool, false, text);
        if (IntPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return new ValueScalar(source, ScalarKind.Int, l, text);
        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return new ValueScalar(source, ScalarKind.Float, d, text);
        return new ValueScalar(source, ScalarKind.String, text, text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
