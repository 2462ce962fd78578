using System.Reflection;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Parameters;

namespace ContainerCloudBuild.CiGeneration;

/// <summary>One generated CI file: its path relative to the repository root and its content.</summary>
public sealed record CiFile(string RelativePath, string Content);

/// <summary>A committed CI file that is missing or differs from what the build generates.</summary>
public sealed record StaleCiFile(string RelativePath, int? FirstDifferingLine, string? Committed, string? Generated)
{
    public override string ToString() => FirstDifferingLine is null
        ? $"{RelativePath} is missing: run ./build.sh GenerateCi and commit it."
        : $"{RelativePath} is stale at line {FirstDifferingLine}: committed '{Committed}', generated '{Generated}'. Run ./build.sh GenerateCi and commit it.";
}

/// <summary>
/// The CI files of a build: one per CI attribute on its class (<see cref="GitLabCiAttribute"/>,
/// <see cref="JenkinsAttribute"/>, <see cref="GitHubActionsAttribute"/>), generated from its targets and parameters.
/// </summary>
public static class CiFiles
{
    /// <summary>The files for a build object (its target properties are read, nothing runs).</summary>
    public static IReadOnlyList<CiFile> Generate(object build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var type = build.GetType();
        var graph = TargetGraph.FromBuild(build);
        var parameters = ParameterDescriptor.Discover(type);
        return type.GetCustomAttributes<CiConfigurationAttribute>(inherit: true)
            .OrderBy(a => a.System)
            .Select(a => Generate(CiPipelineBuilder.Create(type.Name, graph, parameters, a)))
            .ToList();
    }

    public static CiFile Generate(CiPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Settings.System switch
        {
            CiSystem.GitLab => new CiFile(GitLabCiWriter.FileName, GitLabCiWriter.Write(pipeline)),
            CiSystem.Jenkins => new CiFile(JenkinsfileWriter.FileName, JenkinsfileWriter.Write(pipeline)),
            CiSystem.GitHubActions => new CiFile(GitHubActionsWriter.FileName, GitHubActionsWriter.Write(pipeline)),
            _ => throw new ArgumentOutOfRangeException(nameof(pipeline), pipeline.Settings.System, "Unknown CI system."),
        };
    }

    /// <summary>Writes the files under <paramref name="root"/> (only those whose content changed); returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<CiFile> files, string root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var written = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(root, file.RelativePath);
            if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) == file.Content) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, file.Content, cancellationToken).ConfigureAwait(false);
            written.Add(file.RelativePath);
        }

        return written;
    }

    /// <summary>The files under <paramref name="root"/> that are missing or differ from <paramref name="files"/>.</summary>
    public static async Task<IReadOnlyList<StaleCiFile>> CheckAsync(IReadOnlyList<CiFile> files, string root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var stale = new List<StaleCiFile>();
        foreach (var file in files)
        {
            var path = Path.Combine(root, file.RelativePath);
            if (!File.Exists(path))
            {
                stale.Add(new StaleCiFile(file.RelativePath, null, null, null));
                continue;
            }

            var committed = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Split('\n');
            var generated = file.Content.Split('\n');
            for (var i = 0; i < Math.Max(committed.Length, generated.Length); i++)
            {
                var c = i < committed.Length ? committed[i].TrimEnd('\r') : null;
                var g = i < generated.Length ? generated[i] : null;
                if (c == g) continue;
                stale.Add(new StaleCiFile(file.RelativePath, i + 1, c ?? "(end of file)", g ?? "(end of file)"));
                break;
            }
        }

        return stale;
    }
}
