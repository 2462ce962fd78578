using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Parameters;
using ContainerCloudBuild.Files;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Engine.Output;

/// <summary>The machine-readable record of one run, written as JSON for later tooling. Secrets are masked.</summary>
public sealed record RunRecord(
    string Build,
    IReadOnlyList<string> RequestedTargets,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int ExitCode,
    string CiHost,
    IReadOnlyList<RunRecordTarget> Targets,
    IReadOnlyDictionary<string, string?> Parameters,
    IReadOnlyList<RunEvent> Events)
{
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static RunRecord Create(
        string build, IReadOnlyList<string> requested, DateTimeOffset started, DateTimeOffset finished, int exitCode,
        string ciHost, IReadOnlyList<TargetResult> results, IReadOnlyList<BoundParameter> parameters, SecretMasker masker,
        IReadOnlyList<RunEvent> events)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(masker);
        return new RunRecord(
            build, requested, started, finished, exitCode, ciHost,
            results.Select(r => new RunRecordTarget(r.Name, r.Outcome, Math.Round(r.Duration.TotalMilliseconds, 1), r.Attempts,
                r.Message is null ? null : masker.Apply(r.Message),
                r.StartedAt is { } at ? Math.Round((at - started).TotalMilliseconds, 1) : null)).ToList(),
            parameters.ToDictionary(
                p => p.Descriptor.Name,
                p => p.Descriptor.IsSecret && p.IsGiven ? SecretMasker.Mask : Show(p.Value, masker)),
            events.Select(e => e with { Message = masker.Apply(e.Message) }).ToList());
    }

    /// <summary>The typed payloads of type <typeparamref name="T"/> the run's events carry, in order (only in the process that ran the build).</summary>
    public IEnumerable<T> PayloadsOf<T>() => Events.Select(e => e.Payload).OfType<T>();

    /// <summary>The record of a run that stopped before executing targets (usage error, forced exit).</summary>
    public static RunRecord Minimal(string build, IReadOnlyList<string> requested, DateTimeOffset started, DateTimeOffset finished, int exitCode, string ciHost) =>
        new(build, requested, started, finished, exitCode, ciHost, [], new Dictionary<string, string?>(), []);

    /// <summary>Where a run's record goes under the repository root.</summary>
    public static string LastRunPath(string rootDirectory) => Path.Combine(rootDirectory, ".nuke", "temp", "last-run.json");

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static RunRecord? FromJson(string json) => JsonSerializer.Deserialize<RunRecord>(json, JsonOptions);

    /// <summary>Writes atomically (<see cref="AtomicFile"/>).</summary>
    public void WriteTo(string path) => AtomicFile.WriteAllText(path, ToJson());

    private static string? Show(object? value, SecretMasker masker) => value switch
    {
        null => null,
        Array a => masker.Apply(string.Join(",", a.Cast<object>().Select(x => Convert.ToString(x, CultureInfo.InvariantCulture)))),
        _ => masker.Apply(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };
}

/// <param name="StartOffsetMs">When the target started, in milliseconds after the run started; null when it never started (skipped, not run).</param>
public sealed record RunRecordTarget(string Name, TargetOutcome Outcome, double DurationMs, int Attempts, string? Message, double? StartOffsetMs = null);
