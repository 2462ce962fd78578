using ContainerCloudBuild.Zabbix.Api;

namespace ContainerCloudBuild.Zabbix.Events;

/// <summary>The trapper items deploy events become on a service's host, so operators graph and trigger on deploys.</summary>
public static class ZabbixDeployItems
{
    /// <summary>Every rollout and analysis event as text: "rollout.Aborted r2: analysis failed ...".</summary>
    public const string Event = "ccb.deploy.event";

    /// <summary>Seconds from the rollout's start to its end (sent when it ends).</summary>
    public const string Duration = "ccb.deploy.duration";

    /// <summary>How a rollout ended: 0 completed, 1 aborted or rolled back, 2 failed. Trigger on <c>last(...)&gt;0</c>.</summary>
    public const string Outcome = "ccb.deploy.outcome";

    /// <summary>An analysis verdict: 0 passed, 1 failed, 2 inconclusive.</summary>
    public const string Analysis = "ccb.deploy.analysis";

    public static IReadOnlyList<(string Key, string Name, ZabbixValueType Type, string Units)> All { get; } =
    [
        (Event, "Deploy event", ZabbixValueType.Text, ""),
        (Duration, "Deploy duration", ZabbixValueType.Float, "s"),
        (Outcome, "Deploy outcome (0 completed, 1 rolled back, 2 failed)", ZabbixValueType.Unsigned, ""),
        (Analysis, "Deploy analysis verdict (0 passed, 1 failed, 2 inconclusive)", ZabbixValueType.Unsigned, ""),
    ];
}
