using System.Security.Cryptography;
using System.Text;
using ContainerCloudBuild.Manifests.Yaml;
using Scriban.Runtime;

namespace ContainerCloudBuild.Manifests.Templating;

/// <summary>
/// The functions templates use. Each is pure and deterministic. A function that fails throws and
/// Scriban reports it with the calling template's file, line and column.
/// </summary>
internal static class TemplateFunctions
{
    public static ScriptObject Create()
    {
        var functions = new ScriptObject();
        functions.Import("quote", new Func<object?, string>(YamlScalar.Format));
        functions.Import("quote_string", new Func<object?, string>(YamlScalar.FormatAsString));
        functions.Import("to_yaml", new Func<object?, int, string>(YamlBlockWriter.WriteAfterKey));
        functions.Import("b64enc", new Func<object?, string>(v => Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(v)))));
        functions.Import("b64dec", new Func<string, string>(v => Encoding.UTF8.GetString(Convert.FromBase64String(v))));
        functions.Import("sha256", new Func<object?, string>(v => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(v))))));
        functions.Import("str", new Func<object?, string>(Str));
        functions.Import("int_or_string", new Func<object?, object?>(IntOrString));
        functions.Import("required", new Func<object?, string, object>(Required));
        functions.Import("default", new Func<object?, object?, object?>(Default));
        return functions;
    }

    private static object Required(object? value, string message) =>
        IsEmpty(value) ? throw new InvalidOperationException($"required value missing: {message}") : value!;

    /// <summary>The invariant text of a scalar: 8080 → "8080", true → "true".</summary>
    private static string Str(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>A canonical number (digits, no leading zero) becomes an integer (a port number), anything else stays a string (a port name).</summary>
    private static object? IntOrString(object? value) =>
        value is string s && s.Length is > 0 and < 10 && s.All(char.IsAsciiDigit) && (s.Length == 1 || s[0] != '0') ? long.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : value;

    private static object? Default(object? value, object? fallback) => IsEmpty(value) ? fallback : value;

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        System.Collections.ICollection c => c.Count == 0,
        _ => false,
    };

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        _ => YamlBlockWriter.WriteDocument(value),
    };
}
