namespace ContainerCloudBuild.Engine.CiHosts;

/// <summary>A CI system the build runs on: how it groups output and masks secrets.</summary>
public interface ICiHost
{
    string Name { get; }

    /// <summary>Lines that open a collapsible group for a target (empty when the host has none).</summary>
    IReadOnlyList<string> BeginGroup(string target, long unixSeconds);

    IReadOnlyList<string> EndGroup(string target, long unixSeconds);

    /// <summary>A line that asks the host to mask a value in its own log, or null when it cannot.</summary>
    string? MaskCommand(string secret);
}

/// <summary>A developer's terminal: plain banners, no host masking.</summary>
public sealed class LocalHost : ICiHost
{
    public string Name => "Local";
    public IReadOnlyList<string> BeginGroup(string target, long unixSeconds) => [$"── {target} ──"];
    public IReadOnlyList<string> EndGroup(string target, long unixSeconds) => [];
    public string? MaskCommand(string secret) => null;
}

/// <summary>GitHub Actions: <c>::group::</c> and <c>::add-mask::</c> workflow commands.</summary>
public sealed class GitHubActionsHost : ICiHost
{
    public string Name => "GitHub Actions";
    public IReadOnlyList<string> BeginGroup(string target, long unixSeconds) => [$"::group::{target}"];
    public IReadOnlyList<string> EndGroup(string target, long unixSeconds) => ["::endgroup::"];
    public string? MaskCommand(string secret) => secret.Contains('\n', StringComparison.Ordinal) ? null : $"::add-mask::{secret}";
}

/// <summary>GitLab CI: collapsible sections; masking is configured on variables, so the engine masks itself.</summary>
public sealed class GitLabCiHost : ICiHost
{
    public string Name => "GitLab CI";

    public IReadOnlyList<string> BeginGroup(string target, long unixSeconds) =>
        [$"\u001b[0Ksection_start:{unixSeconds}:{SectionName(target)}[collapsed=false]\r\u001b[0K{target}"];

    public IReadOnlyList<string> EndGroup(string target, long unixSeconds) =>
        [$"\u001b[0Ksection_end:{unixSeconds}:{SectionName(target)}\r\u001b[0K"];

    public string? MaskCommand(string secret) => null;

    private static string SectionName(string target) =>
        new(target.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());
}

/// <summary>Jenkins: no grouping syntax in plain console logs; banners that the Pipeline log view keeps readable.</summary>
public sealed class JenkinsHost : ICiHost
{
    public string Name => "Jenkins";
    public IReadOnlyList<string> BeginGroup(string target, long unixSeconds) => [$"[Pipeline] {{ ({target})"];
    public IReadOnlyList<string> EndGroup(string target, long unixSeconds) => ["[Pipeline] }"];
    public string? MaskCommand(string secret) => null;
}

/// <summary>Azure Pipelines: <c>##[group]</c> and <c>##vso[task.setsecret]</c>.</summary>
public sealed class AzurePipelinesHost : ICiHost
{
    public string Name => "Azure Pipelines";
    public IReadOnlyList<string> BeginGroup(string target, long unixSeconds) => [$"##[group]{target}"];
    public IReadOnlyList<string> EndGroup(string target, long unixSeconds) => ["##[endgroup]"];

    public string? MaskCommand(string secret) =>
        secret.Contains('\n', StringComparison.Ordinal) ? null : $"##vso[task.setsecret]{secret}";
}
