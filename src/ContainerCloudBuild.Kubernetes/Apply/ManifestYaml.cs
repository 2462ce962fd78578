using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>
/// Reads manifest YAML into JSON objects as <c>kubectl apply</c> does: straight from the parser's events, no typed models
/// and no reflection. Plain scalars are typed with the YAML 1.2 core schema (null, booleans, integers, floats); quoted and
/// block scalars stay strings. The API server validates the result (<c>fieldValidation=Strict</c>).
/// </summary>
public static class ManifestYaml
{
    /// <summary>Every non-empty document of <paramref name="text"/>, in order; a document that is not a mapping is an error.</summary>
    public static IReadOnlyList<JsonObject> ReadObjects(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(new StringReader(text));
        var objects = new List<JsonObject>();
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var root = ReadNode(parser);
                parser.Consume<DocumentEnd>();
                if (root is JsonObject obj)
                    objects.Add(obj);
                else if (root is not null)
                    throw new InvalidDataException($"{source}: a document is a {root.GetValueKind()}, not a Kubernetes object.");
            }
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{source}: not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
        return objects;
    }

    /// <summary>The one object of <paramref name="text"/> (a rendered document).</summary>
    public static JsonObject ReadObject(string text, string source) => ReadObjects(text, source) switch
    {
        [var single] => single,
        var many => throw new InvalidDataException($"{source}: expected one Kubernetes object, found {many.Count}."),
    };

    private static JsonNode? ReadNode(IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
            return Typed(scalar);
        if (parser.TryConsume<MappingStart>(out _))
        {
            var map = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>().Value;
                map[key] = ReadNode(parser);
            }
            return map;
        }
        if (parser.TryConsume<SequenceStart>(out _))
        {
            var list = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
                list.Add(ReadNode(parser));
            return list;
        }
        var unexpected = parser.Current;
        throw new YamlException(unexpected?.Start ?? Mark.Empty, unexpected?.End ?? Mark.Empty, $"{unexpected?.GetType().Name ?? "end of input"} (anchors and aliases are not supported in manifests)");
    }

    private static JsonNode? Typed(Scalar scalar)
    {
        var text = scalar.Value;
        if (!scalar.IsPlainImplicit)
            return JsonValue.Create(text);
        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
            return null;
        if (text is "true" or "True" or "TRUE")
            return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE")
            return JsonValue.Create(false);
        if (IsInteger(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (IsFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            return JsonValue.Create(real);
        return JsonValue.Create(text);
    }

    private static bool IsInteger(string text)
    {
        var digits = text.AsSpan(text[0] is '-' or '+' ? 1 : 0);
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>The core schema's float: <c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>.</summary>
    private static bool IsFloat(string text)
    {
        var i = text[0] is '-' or '+' ? 1 : 0;
        var mantissa = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        var whole = i - mantissa;
        var fraction = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            fraction = i - start;
        }
        if (whole == 0 && fraction == 0)
            return false;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '-' or '+') i++;
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == start)
                return false;
        }
        return i == text.Length;
    }
}
