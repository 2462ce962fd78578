using System.Globalization;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Zabbix.Sender;

namespace ContainerCloudBuild.Zabbix.Events;

/// <summary>
/// Turns pipeline events into trapper values on a host: every rollout/analysis event as text; at a rollout's end
/// its outcome and (when its start was seen) duration; analysis verdicts as numbers. Remembers each host's
/// rollout start, so one mapper belongs to one sink.
/// </summary>
public sealed class ZabbixDeployEventMapper
{
    private readonly Dictionary<string, DateTimeOffset> starts = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public IReadOnlyList<SenderValue> Map(string host, PipelineEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!e.Type.StartsWith("rollout.", StringComparison.Ordinal) && !e.Type.StartsWith("analysis.", StringComparison.Ordinal))
            return [];
        var revision = e.Fields.TryGetValue("revision", out var r) && r.Length > 0 ? " " + r : "";
        var values = new List<SenderValue> { new(host, ZabbixDeployItems.Event, $"{e.Type}{revision}: {e.Message}", e.Timestamp) };
        if (e.Type == "rollout.Started")
        {
            lock (gate)
                starts[host] = e.Timestamp;
        }
        if (Outcome(e.Type) is { } outcome)
        {
            values.Add(new SenderValue(host, ZabbixDeployItems.Outcome, outcome.ToString(CultureInfo.InvariantCulture), e.Timestamp));
            DateTimeOffset? started = null;
            lock (gate)
            {
                if (starts.Remove(host, out var s))
                    started = s;
            }
            if (started is { } start)
                values.Add(SenderValue.Number(host, ZabbixDeployItems.Duration, Math.Round((e.Timestamp - start).TotalSeconds, 3), e.Timestamp));
        }
        if (Verdict(e) is { } verdict)
            values.Add(new SenderValue(host, ZabbixDeployItems.Analysis, verdict.ToString(CultureInfo.InvariantCulture), e.Timestamp));
        return values;
    }

    private static int? Outcome(string type) => type switch
    {
        "rollout.Completed" => 0,
        "rollout.Aborted" or "rollout.Undone" => 1,
        "rollout.Failed" => 2,
        _ => null,
    };

    private static int? Verdict(PipelineEvent e) => e.Type switch
    {
        "rollout.AnalysisPassed" => 0,
        "rollout.AnalysisFailed" => 1,
        "rollout.AnalysisInconclusive" => 2,
        _ => null,
    };
}
