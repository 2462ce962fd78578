using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Harbor.Testing.Server;

/// <summary>The in-memory state of the fake Harbor. All access goes through <see cref="Gate"/>.</summary>
internal sealed class HarborModel
{
    public object Gate { get; } = new();

    public Dictionary<string, string> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ProjectState> Projects { get; } = new(StringComparer.Ordinal);

    public List<RobotState> Robots { get; } = [];

    public long NextId { get; set; } = 1;

    public ProjectState AddProject(string name)
    {
        lock (Gate)
        {
            if (!Projects.TryGetValue(name, out var project))
                Projects[name] = project = new ProjectState(NextId++, name);
            return project;
        }
    }

    /// <summary>Seeds an artifact; <paramref name="pollsUntilScanned"/> null means a scan never finishes.</summary>
    public ArtifactState AddArtifact(string project, string repository, string digest, IEnumerable<string> tags,
        int? pollsUntilScanned = 2, IReadOnlyDictionary<string, int>? vulnerabilities = null)
    {
        lock (Gate)
        {
            var state = AddProject(project);
            var artifact = new ArtifactState(NextId++, repository, digest)
            {
                PollsUntilScanned = pollsUntilScanned,
                Vulnerabilities = vulnerabilities ?? new Dictionary<string, int>(),
            };
            artifact.Tags.AddRange(tags);
            state.Artifacts.Add(artifact);
            return artifact;
        }
    }
}

internal sealed class ProjectState(long id, string name)
{
    public long Id { get; } = id;

    public string Name { get; } = name;

    public JsonObject Metadata { get; set; } = new() { ["public"] = "false" };

    public List<ArtifactState> Artifacts { get; } = [];

    public List<JsonObject> ImmutableRules { get; } = [];

    public ArtifactState? Find(string repository, string reference) =>
        Artifacts.FirstOrDefault(a => a.Repository == repository && (a.Digest == reference || a.Tags.Contains(reference)));
}

/// <summary>A robot account; <see cref="Permissions"/> holds "resource:action" pairs (e.g. "repository:push").</summary>
internal sealed record RobotState(long Id, string Name, string Secret, string Project, IReadOnlyList<string> Permissions);

internal sealed class ArtifactState(long id, string repository, string digest)
{
    public long Id { get; } = id;

    public string Repository { get; } = repository;

    public string Digest { get; } = digest;

    public List<string> Tags { get; } = [];

    public bool ScanRequested { get; set; }

    public int ScanPolls { get; set; }

    public int? PollsUntilScanned { get; set; }

    public IReadOnlyDictionary<string, int> Vulnerabilities { get; set; } = new Dictionary<string, int>();

    /// <summary>Pending on the first poll after the scan request, Running until done, then Success.</summary>
    public string ScanStatus => !ScanRequested ? "Not Scanned"
        : PollsUntilScanned is { } done && ScanPolls >= done ? "Success"
        : ScanPolls <= 1 ? "Pending" : "Running";
}
