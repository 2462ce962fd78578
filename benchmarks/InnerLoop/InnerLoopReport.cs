using System.Globalization;
using System.Text;

namespace ContainerCloudBuild.InnerLoop;

/// <summary>Collects the runs and prints medians, the ratio to publish alone and the per-step breakdown as a Markdown table.</summary>
sealed class InnerLoopReport
{
    private readonly List<double> _publishOnly = [];
    private readonly Dictionary<string, List<LoopTiming>> _loops = new(StringComparer.Ordinal);

    public double LastPublishOnly => _publishOnly[^1];

    public void AddPublishOnly(double seconds) => _publishOnly.Add(seconds);

    public void Add(string layout, LoopTiming timing)
    {
        if (!_loops.TryGetValue(layout, out var list))
            _loops[layout] = list = [];
        list.Add(timing);
    }

    public string Markdown(IReadOnlyList<string> layouts)
    {
        var publishAlone = Median(_publishOnly);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"`dotnet publish` alone (framework-dependent, the loop's own publish): median {publishAlone:0.00} s over {_publishOnly.Count} runs");
        text.AppendLine();
        text.AppendLine("| layout | publish | image build | push | start | health | switch | **total** | × publish alone | context |");
        text.AppendLine("|--------|---------|-------------|------|-------|--------|--------|-----------|-----------------|---------|");
        foreach (var layout in layouts)
        {
            var t = _loops[layout];
            var total = Median(t.Select(x => x.Total));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {layout} | {Median(t.Select(x => x.Publish)):0.00} | {Median(t.Select(x => x.Build)):0.00} | {Median(t.Select(x => x.Push)):0.00} | " +
                $"{Median(t.Select(x => x.Start)):0.00} | {Median(t.Select(x => x.Health)):0.00} | {Median(t.Select(x => x.Switch)):0.00} | " +
                $"**{total:0.00}** | {total / publishAlone:0.00}× | {Median(t.Select(x => (double)x.ContextBytes)) / 1e3:#,0} kB |");
        }
        text.AppendLine();
        text.AppendLine("Every run (total s): publish alone " + string.Join(", ", _publishOnly.Select(Format)) + "; " +
            string.Join("; ", layouts.Select(l => l + " " + string.Join(", ", _loops[l].Select(x => Format(x.Total))))));
        return text.ToString();
    }

    private static string Format(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
