namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>How to apply: take over conflicting fields (<c>--force-conflicts</c>), or only ask the server (<c>--dry-run</c>: dryRun=All, a diff).</summary>
public sealed record ApplyOptions
{
    public const string DefaultFieldManager = "containercloudbuild";

    public string FieldManager { get; init; } = DefaultFieldManager;
    public bool ForceConflicts { get; init; }
    public bool DryRun { get; init; }
    public bool Prune { get; init; } = true;
}

/// <summary>What an apply did (or, in a dry run, would do): each object as the server returned it, the diffs, the pruned objects.</summary>
public sealed record ApplyReport(
    IReadOnlyList<AppliedObject> Applied,
    IReadOnlyList<ResourceId> Pruned,
    bool DryRun)
{
    public IEnumerable<ObjectDiff> Diffs => Applied.Select(a => a.Diff).OfType<ObjectDiff>();
}

/// <summary>One applied object: the server's copy after the apply, and in a dry run what it would change.</summary>
public sealed record AppliedObject(ResourceId Resource, System.Text.Json.Nodes.JsonObject Result, ObjectDiff? Diff);
