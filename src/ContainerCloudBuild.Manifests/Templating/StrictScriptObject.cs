using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ContainerCloudBuild.Manifests.Templating;

/// <summary>
/// A ScriptObject that fails on a member it does not have instead of yielding null, so a typo such
/// as <c>values.servce.port</c> is an error at its template line and column.
/// </summary>
internal sealed class StrictScriptObject(string path) : ScriptObject(capacity: 4, autoImportStaticsFromThisType: false)
{
    public string Path { get; } = path;

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (base.TryGetValue(context, span, member, out value))
            return true;
        throw new ScriptRuntimeException(span,
            $"`{Path}.{member}` is not defined. Known keys of `{Path}`: {string.Join(", ", Keys)}. Fix the name or add the key to defaults.yaml.");
    }
}

/// <summary>
/// Converts plain values (ordered dictionaries, lists, scalars) into strict, read-only script objects,
/// so one conversion can be shared by every template of a render and no template can change values.
/// </summary>
internal static class ScriptValues
{
    public static object? FromPlain(object? value, string path) => value switch
    {
        IEnumerable<KeyValuePair<string, object?>> map => FromMap(map, path),
        List<object?> list => FromList(list, path),
        _ => value,
    };

    private static StrictScriptObject FromMap(IEnumerable<KeyValuePair<string, object?>> map, string path)
    {
        var result = new StrictScriptObject(path);
        foreach (var (key, value) in map)
            result.SetValue(key, FromPlain(value, $"{path}.{key}"), readOnly: true);
        result.IsReadOnly = true;
        return result;
    }

    private static ScriptArray FromList(List<object?> list, string path)
    {
        var array = new ScriptArray();
        for (var i = 0; i < list.Count; i++)
            array.Add(FromPlain(list[i], $"{path}[{i}]"));
        array.IsReadOnly = true;
        return array;
    }
}
