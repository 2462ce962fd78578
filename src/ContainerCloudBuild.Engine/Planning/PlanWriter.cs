using System.Globalization;
using System.Text;

namespace ContainerCloudBuild.Engine.Planning;

/// <summary>Renders a plan as numbered text and as a Mermaid flowchart.</summary>
public static class PlanWriter
{
    public static string Text(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sb = new StringBuilder();
        var i = 0;
        foreach (var t in plan.Targets)
        {
            var why = t.Reason switch
            {
                PlanReason.Requested => "requested",
                PlanReason.Triggered => "triggered",
                _ => "dependency",
            };
            var skip = t.IsSkipped ? $"  SKIPPED: {t.SkipReason}" : "";
            var waits = t.WaitsFor.Count == 0 ? "" : $"  after {string.Join(", ", t.WaitsFor.Select(e => e.From))}";
            sb.AppendLine(CultureInfo.InvariantCulture, $"{++i,3}. {t.Name} ({why}){waits}{skip}");
        }

        return sb.ToString();
    }

    public static string Mermaid(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sb = new StringBuilder("graph TD\n");
        foreach (var t in plan.Targets)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {Id(t.Name)}[\"{t.Name}\"]");
            foreach (var e in t.WaitsFor)
            {
                var arrow = e.Kind switch
                {
                    EdgeKind.Dependency => "-->",
                    EdgeKind.Trigger => "-- triggers -->",
                    _ => "-.->",
                };
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {Id(e.From)} {arrow} {Id(t.Name)}");
            }
        }

        var skipped = plan.Targets.Where(t => t.IsSkipped).Select(t => Id(t.Name)).ToList();
        if (skipped.Count > 0)
        {
            sb.AppendLine("  classDef skipped stroke-dasharray: 5 5,opacity:0.6");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  class {string.Join(",", skipped)} skipped");
        }

        return sb.ToString();
    }

    private static string Id(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
