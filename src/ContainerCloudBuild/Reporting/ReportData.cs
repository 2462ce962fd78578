using ContainerCloudBuild.Engine.Output;

namespace ContainerCloudBuild.Reporting;

/// <summary>
/// The typed sections of a run record: the payloads themselves in the process that ran the build, or read back
/// from a record loaded from JSON (<see cref="RunEvent.PayloadAs{T}"/>), chosen by the event's kind.
/// </summary>
internal sealed record ReportData(
    IReadOnlyList<ReportedImage> Images,
    IReadOnlyList<ReportedScan> Scans,
    IReadOnlyList<ReportedManifest> Manifests,
    IReadOnlyList<ReportedRolloutEvent> Rollout)
{
    public static ReportData From(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ReportData(
            Read<ReportedImage>(record, k => k is ReportKinds.ImageBuilt or ReportKinds.ImagePushed or ReportKinds.ImagePromoted),
            Read<ReportedScan>(record, k => k == ReportKinds.ScanGate),
            Read<ReportedManifest>(record, k => k == ReportKinds.ManifestRendered),
            Read<ReportedRolloutEvent>(record, IsRolloutEvent));
    }

    /// <summary>The events that are not one of the typed sections (a build's own events), in order.</summary>
    public static IEnumerable<RunEvent> OtherEvents(RunRecord record) =>
        record.Events.Where(e => !IsTyped(e.Kind));

    private static bool IsTyped(string kind) =>
        kind is ReportKinds.ImageBuilt or ReportKinds.ImagePushed or ReportKinds.ImagePromoted or ReportKinds.ScanGate or ReportKinds.ManifestRendered
        || kind.StartsWith("rollout.", StringComparison.Ordinal);

    private static bool IsRolloutEvent(string kind) =>
        kind.StartsWith("rollout.", StringComparison.Ordinal) && kind != Rollouts.Hosting.RunRecordRolloutEvents.OutcomeKind;

    private static List<T> Read<T>(RunRecord record, Func<string, bool> kind) where T : class =>
        record.Events.Where(e => kind(e.Kind)).Select(e => e.PayloadAs<T>()).OfType<T>().ToList();
}
