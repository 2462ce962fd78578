using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContainerCloudBuild.Manifests.Values;

/// <summary>Reads a values YAML file into a <see cref="ValueMap"/>, keeping file/line/column of each node.</summary>
public static class ValuesFileReader
{
    /// <summary>Tag that marks a map in the defaults as open (any key allowed).</summary>
    public const string OpenTag = "!open";

    /// <summary>Tag that marks a list in the defaults whose single item is the schema of every item (the default is empty).</summary>
    public const string SchemaTag = "!schema";

    public static ValueMap? Read(string text, string fileName, List<ManifestDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.ValuesSyntax,
                $"not valid YAML: {e.Message}. Fix the syntax.", fileName, (int)e.Start.Line, (int)e.Start.Column));
            return null;
        }
        if (stream.Documents.Count == 0)
            return new ValueMap(new ValueSource(fileName, 1, 1));
        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" or "~" or "null" })
            return new ValueMap(new ValueSource(fileName, 1, 1));
        if (Convert(root, fileName) is ValueMap map)
            return map;
        diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.ValuesSyntax,
            "the top level of a values file must be a mapping of keys to values.", fileName, (int)root.Start.Line, (int)root.Start.Column));
        return null;
    }

    private static ValueNode Convert(YamlNode node, string fileName)
    {
        var source = new ValueSource(fileName, (int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlMappingNode mapping:
                var map = new ValueMap(source, mapping.Children.Count == 0 || HasTag(mapping, OpenTag));
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode k ? k.Value ?? "" : key.ToString();
                    map.Entries[name] = Convert(value, fileName);
                    map.KeySources[name] = new ValueSource(fileName, (int)key.Start.Line, (int)key.Start.Column);
                }
                return map;
            case YamlSequenceNode sequence when HasTag(sequence, SchemaTag) && sequence.Children.Count == 1:
                return new ValueList(source, Convert(sequence.Children[0], fileName));
            case YamlSequenceNode sequence:
                var list = new ValueList(source);
                foreach (var item in sequence.Children)
                    list.Items.Add(Convert(item, fileName));
                return list;
            case YamlScalarNode scalar:
                var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
                    or ScalarStyle.Literal or ScalarStyle.Folded || HasTag(scalar, "tag:yaml.org,2002:str");
                return ScalarResolver.Resolve(scalar.Value ?? "", quoted, source);
            default:
                throw new InvalidOperationException($"Unsupported YAML node {node.NodeType} at {fileName}:{node.Start.Line}.");
        }
    }

    private static bool HasTag(YamlNode node, string tag) => !node.Tag.IsEmpty && !node.Tag.IsNonSpecific && node.Tag.Value == tag;
}
