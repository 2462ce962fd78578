using System.Globalization;
using System.Text;
using ContainerCloudBuild.Engine.Parameters;

namespace ContainerCloudBuild.Engine.Cli;

/// <summary>Renders <c>--help</c>: targets with descriptions and dependencies, parameters with type, default and env name.</summary>
public static class HelpWriter
{
    public static string Write(TargetGraph graph, IReadOnlyList<BoundParameter> parameters, string? defaultTarget)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(parameters);
        var sb = new StringBuilder();
        sb.AppendLine("Usage: ./build.sh [targets] [--parameter value ...] [options]");
        sb.AppendLine();
        sb.AppendLine("Targets:");
        var listed = graph.Targets.Where(t => !t.Unlisted).ToList();
        var width = listed.Select(t => t.Name.Length).DefaultIfEmpty(0).Max() + 4;
        foreach (var t in listed)
        {
            var marker = string.Equals(t.Name, defaultTarget, StringComparison.OrdinalIgnoreCase) ? " (default)" : "";
            var separator = string.IsNullOrEmpty(t.Description) && marker.Length == 0 ? "" : "  ";
            var deps = t.DependsOn.Count == 0 ? "" : $"{separator}[depends on {string.Join(", ", t.DependsOn)}]";
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {t.Name.PadRight(width)}{t.Description}{marker}{deps}");
        }

        if (parameters.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Parameters (command line, then environment, then .nuke/parameters[.<profile>].json):");
            foreach (var p in parameters)
            {
                var d = p.Descriptor;
                var shownDefault = d.IsSecret ? "secret" : $"default: {Format(p.Value)}";
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {d.CommandLineName} <{ValueConverter.ShortName(d.Type)}>");
                sb.AppendLine(CultureInfo.InvariantCulture, $"      {d.Description ?? d.Name} ({shownDefault}; env {d.EnvironmentName})");
            }
        }

        sb.AppendLine();
        sb.AppendLine("Options:");
        sb.AppendLine("  --plan                 print the plan (text and Mermaid graph) without running it");
        sb.AppendLine("  --skip [targets]       skip the named targets; without names, skip all but the requested ones");
        sb.AppendLine("  --parallel [N]         run up to N independent targets at once (default: processor count)");
        sb.AppendLine("  --force                run targets even when they are up to date");
        sb.AppendLine("  --profile <name>       also read .nuke/parameters.<name>.json");
        sb.AppendLine("  --verbosity <level>    quiet | minimal | normal | verbose");
        sb.AppendLine("  --help                 this text");
        return sb.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "none",
        string s => s.Length == 0 ? "\"\"" : s,
        Array a => a.Length == 0 ? "[]" : string.Join(", ", a.Cast<object>()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
