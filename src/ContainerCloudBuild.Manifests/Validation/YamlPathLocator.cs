using YamlDotNet.RepresentationModel;

namespace ContainerCloudBuild.Manifests.Validation;

/// <summary>Finds the field path (e.g. <c>spec.template.spec.containers[0].image</c>) of the node at a line/column.</summary>
internal static class YamlPathLocator
{
    public static string? Find(YamlNode root, long line, long column) => Walk(root, "", line, column);

    private static string? Walk(YamlNode node, string path, long line, long column)
    {
        if (node.Start.Line == line && node.Start.Column == column && path.Length > 0)
            return path;
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var childPath = path.Length == 0 ? key.ToString() : $"{path}.{key}";
                    if (key.Start.Line == line && key.Start.Column == column)
                        return childPath;
                    if (Walk(value, childPath, line, column) is { } found)
                        return found;
                }
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    if (Walk(sequence.Children[i], $"{path}[{i}]", line, column) is { } found)
                        return found;
                }
                break;
        }
        return null;
    }
}
