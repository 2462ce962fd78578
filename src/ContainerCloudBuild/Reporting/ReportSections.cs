using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Reporting;

/// <summary>
/// The typed sections of the run record the host fills as a build runs (each one the payload of a
/// <see cref="Engine.Output.RunEvent"/> of the kind named in <see cref="ReportKinds"/>), so the run report
/// reads values, never console text.
/// </summary>
public static class ReportKinds
{
    public const string ImageBuilt = "image.built";
    public const string ImagePushed = "image.pushed";
    public const string ImagePromoted = "image.promoted";
    public const string ScanGate = "harbor.scan-gate";
    public const string ManifestRendered = "manifest.rendered";

    /// <summary>Every rollout event is kept as <c>rollout.&lt;kind&gt;</c> (e.g. <c>rollout.WeightSet</c>).</summary>
    public static string Rollout(RolloutEventKind kind) => "rollout." + kind;
}

public enum ImageAction { Built, Pushed, Promoted }

/// <summary>An image the run built, pushed (with the digest the registry reported) or promoted.</summary>
public sealed record ReportedImage(ImageAction Action, string Reference, string? Digest, string? Source = null);

/// <summary>A Harbor scan gate's result for one image: counts per severity against the threshold.</summary>
public sealed record ReportedScan(
    string Image, bool Passed, string Threshold, string ScanStatus, int BlockingCount, int Total, IReadOnlyDictionary<string, int> Counts);

/// <summary>One rendered manifest document and the file it was written to (relative to the repository when inside it).</summary>
public sealed record ReportedManifest(string? Environment, string Kind, string Name, string File);

/// <summary>One rollout event: what happened, the candidate's traffic percent when it changed, the measurement when there is one.</summary>
public sealed record ReportedRolloutEvent(
    DateTimeOffset At, string App, string? Revision, RolloutEventKind Kind, string Message, int? CandidateWeight, RolloutAnalysisMeasurement? Measurement)
{
    public static ReportedRolloutEvent From(RolloutEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new ReportedRolloutEvent(e.At, e.App, e.Revision, e.Kind, e.Message, e.CandidateWeight, e.Measurement);
    }
}
