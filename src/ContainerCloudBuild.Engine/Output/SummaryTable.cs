using System.Globalization;
using System.Text;
using ContainerCloudBuild.Engine.Execution;

namespace ContainerCloudBuild.Engine.Output;

/// <summary>The table printed at the end of a run: target, outcome, duration.</summary>
public static class SummaryTable
{
    public static string Render(IReadOnlyList<TargetResult> results, TimeSpan total)
    {
        ArgumentNullException.ThrowIfNull(results);
        var width = Math.Max(6, results.Select(r => r.Name.Length).DefaultIfEmpty(0).Max()) + 3;
        var rule = new string('─', width + 32);
        var sb = new StringBuilder();
        sb.AppendLine(new string('═', width + 32));
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"Target".PadRight(width)}{"Outcome",-12}{"Duration",10}");
        sb.AppendLine(rule);
        foreach (var r in results)
        {
            var duration = r.Outcome is TargetOutcome.Succeeded or TargetOutcome.Failed or TargetOutcome.Cancelled or TargetOutcome.UpToDate
                ? Format(r.Duration) : "";
            var attempts = r.Attempts > 1 ? $"  ({r.Attempts} attempts)" : "";
            sb.AppendLine(CultureInfo.InvariantCulture, $"{r.Name.PadRight(width)}{Label(r.Outcome),-12}{duration,10}{attempts}");
        }

        sb.AppendLine(rule);
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"Total".PadRight(width)}{"",-12}{Format(total),10}");
        sb.Append(new string('═', width + 32));
        return sb.ToString();
    }

    public static string Label(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.NotRun => "Not run",
        TargetOutcome.UpToDate => "Up to date",
        _ => outcome.ToString(),
    };

    public static string Format(TimeSpan t) =>
        t.TotalMinutes >= 1
            ? t.ToString(@"m\:ss\.f", CultureInfo.InvariantCulture)
            : t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";
}
