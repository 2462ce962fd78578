using System.Globalization;

namespace ContainerCloudBuild.Engine.Parameters;

/// <summary>Converts raw text values to a parameter's type; failures say what was expected.</summary>
public static class ValueConverter
{
    public static bool IsSupported(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray) return IsSupported(t.GetElementType()!);
        return t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(double)
            || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(Uri) || t == typeof(AbsolutePath) || t.IsEnum;
    }

    /// <param name="type">Target type.</param>
    /// <param name="values">One value, several for arrays, none for a bare boolean flag.</param>
    /// <param name="rootDirectory">Relative paths are resolved against it.</param>
    /// <param name="error">A description of the expected type when conversion fails.</param>
    public static bool TryConvert(Type type, IReadOnlyList<string> values, string rootDirectory, out object? result, out string? error)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(values);
        var t = Nullable.GetUnderlyingType(type) ?? type;
        result = null;
        error = null;
        if (t.IsArray)
        {
            var elementType = t.GetElementType()!;
            var items = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var array = Array.CreateInstance(elementType, items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                if (!TryConvertOne(elementType, items[i], rootDirectory, out var item, out error))
                {
                    error = $"'{items[i]}' {error}";
                    return false;
                }

                array.SetValue(item, i);
            }

            result = array;
            return true;
        }

        if (values.Count == 0)
        {
            if (t == typeof(bool)) { result = true; return true; }
            error = $"a value is missing: expected {Expected(t)}";
            return false;
        }

        if (values.Count > 1)
        {
            error = $"{values.Count} values were given: expected one {Expected(t)}";
            return false;
        }

        if (TryConvertOne(t, values[0], rootDirectory, out result, out error)) return true;
        error = $"'{values[0]}' {error}";
        return false;
    }

    /// <param name="problem">What is wrong with <paramref name="text"/>, e.g. "is not a number".</param>
    private static bool TryConvertOne(Type t, string text, string root, out object? result, out string? problem)
    {
        result = ConvertOne(t, text, root);
        problem = result is not null ? null
            : IsOutOfRangeWholeNumber(t, text) ? $"is out of range for {Expected(t)} ({Range(t)})"
            : $"is not {Expected(t)}";
        return result is not null;
    }

    private static bool IsOutOfRangeWholeNumber(Type t, string text) =>
        (t == typeof(int) || t == typeof(long))
        && System.Numerics.BigInteger.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);

    private static string Range(Type t) => t == typeof(int)
        ? string.Create(CultureInfo.InvariantCulture, $"{int.MinValue} to {int.MaxValue}")
        : string.Create(CultureInfo.InvariantCulture, $"{long.MinValue} to {long.MaxValue}");

    private static object? ConvertOne(Type t, string text, string root)
    {
        var ci = CultureInfo.InvariantCulture;
        if (t == typeof(string)) return text;
        if (t == typeof(bool)) return ParseBool(text);
        if (t == typeof(int)) return int.TryParse(text, NumberStyles.Integer, ci, out var i) ? i : null;
        if (t == typeof(long)) return long.TryParse(text, NumberStyles.Integer, ci, out var l) ? l : null;
        if (t == typeof(double)) return double.TryParse(text, NumberStyles.Float, ci, out var d) ? d : null;
        if (t == typeof(decimal)) return decimal.TryParse(text, NumberStyles.Number, ci, out var m) ? m : null;
        if (t == typeof(TimeSpan)) return TimeSpan.TryParse(text, ci, out var ts) ? ts : null;
        if (t == typeof(Uri)) return Uri.TryCreate(text, UriKind.Absolute, out var u) ? u : null;
        if (t == typeof(AbsolutePath)) return text.Length > 0 ? new AbsolutePath(Path.GetFullPath(text, root)) : null;
        if (!t.IsEnum) return null;
        var match = Enum.GetNames(t).FirstOrDefault(n => ParameterNames.Normalize(n) == ParameterNames.Normalize(text));
        return match is null ? null : Enum.Parse(t, match);
    }

    private static bool? ParseBool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => null,
    };

    /// <summary>How the type is described in help and error messages.</summary>
    public static string Expected(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray) return $"a list of {Expected(t.GetElementType()!)} (space or comma separated)";
        if (t.IsEnum) return $"one of {EnumSpellings(t)}";
        return t switch
        {
            _ when t == typeof(string) => "a text",
            _ when t == typeof(bool) => "a boolean (true/false)",
            _ when t == typeof(int) => "a whole number (Int32)",
            _ when t == typeof(long) => "a whole number (Int64)",
            _ when t == typeof(double) || t == typeof(decimal) => "a number",
            _ when t == typeof(TimeSpan) => "a duration (hh:mm:ss)",
            _ when t == typeof(Uri) => "an absolute URI",
            _ when t == typeof(AbsolutePath) => "a path",
            _ => t.Name,
        };
    }

    /// <summary>How an enum's values are written on a command line: <c>BlueGreen, Canary</c> → <c>blue-green|canary</c>.</summary>
    public static string EnumSpellings(Type enumType) => string.Join("|", Enum.GetNames(enumType).Select(ParameterNames.Kebab));

    /// <summary>A short type name for <c>--help</c>.</summary>
    public static string ShortName(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray) return ShortName(t.GetElementType()!) + "[]";
        if (t.IsEnum) return EnumSpellings(t);
        return t == typeof(AbsolutePath) ? "path" : t.Name.ToLowerInvariant() switch
        {
            "int32" => "int",
            "int64" => "long",
            "boolean" => "bool",
            var other => other,
        };
    }
}
