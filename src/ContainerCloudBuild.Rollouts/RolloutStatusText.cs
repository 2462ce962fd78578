using System.Globalization;
using System.Text;

namespace ContainerCloudBuild.Rollouts;

/// <summary>Human-readable status for the Status target and the console.</summary>
public static class RolloutStatusText
{
    public static string Format(RolloutStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var inv = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        var s = status.State;
        if (s is null)
            return $"{status.App}: no rollout recorded";
        b.AppendLine(inv, $"{status.App}: {s.Strategy} {s.Phase}{(status.IsOrphaned ? " (no process runs it: Resume or Abort)" : "")} — {s.Message}");
        if (status.RunningIn is { } owner)
            b.AppendLine(inv, $"  running in pid {owner.ProcessId} on {owner.Host} since {owner.AcquiredAt:u}");
        if (s.Stable is { } stable)
            b.AppendLine(inv, $"  stable:    {stable.Revision} {stable.Image} at {Replicas(stable, status)}");
        if (s.Candidate is { } candidate)
            b.AppendLine(inv, $"  candidate: {candidate.Revision} {candidate.Image} at {Replicas(candidate, status)} ({s.CandidateWeight}%)");
        if (s.Previous is { } previous)
            b.AppendLine(inv, $"  previous:  {previous.Revision} kept for Undo until {s.ScaleDownAt:u}");
        if (s.Canary is { } canary)
            b.AppendLine(inv, $"  step {Math.Min(s.StepIndex + 1, canary.Steps.Count)}/{canary.Steps.Count}: {(s.StepIndex < canary.Steps.Count ? canary.Steps[s.StepIndex] : "done")}");
        if (s.PausedUntil is { } until)
            b.AppendLine(inv, $"  paused until {until:u}");
        b.AppendLine(inv, $"  router weights: {(status.Weights.Count == 0 ? "(none)" : string.Join(", ", status.Weights.Select(w => $"{w.Key}={w.Value}")))}");
        foreach (var warning in status.Warnings)
            b.AppendLine(inv, $"  warning: {warning}");
        b.Append(inv, $"  running revisions: {(status.Revisions.Count == 0 ? "(none)" : string.Join(", ", status.Revisions.Select(r => r.Revision)))}");
        return b.ToString();
    }

    /// <summary><c>127.0.0.1:4001, 127.0.0.1:4002 (2/2 replicas running)</c>: the saved addresses and how many of them the driver lists as running.</summary>
    private static string Replicas(RevisionInfo revision, RolloutStatus status)
    {
        var addresses = revision.AllAddresses();
        var listed = status.Revisions.FirstOrDefault(r => r.Revision == revision.Revision);
        var running = listed?.RunningReplicas is { } n ? n.ToString(CultureInfo.InvariantCulture) : "?";
        return $"{string.Join(", ", addresses)} ({running}/{addresses.Count} replicas running)";
    }
}
