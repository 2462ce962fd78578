using System.Text;

namespace ContainerCloudBuild.CiGeneration;

/// <summary>
/// <c>.gitlab-ci.yml</c>: a stage per level of the job graph, <c>needs</c> for the edges, the NuGet cache inside the
/// project directory, the run record and targets' outputs as artifacts, secrets as masked/protected variables
/// named in the header, and a <c>resource_group</c> per environment so two deploys to it never run at once. The publish
/// job's recorded image reaches the deploy jobs as its artifact (they name it in <c>needs</c>).
/// </summary>
public static class GitLabCiWriter
{
    public const string FileName = ".gitlab-ci.yml";

    public static string Write(CiPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var settings = (GitLabCiAttribute)pipeline.Settings;
        var y = new StringBuilder();
        y.Append("# ").Append(pipeline.GeneratedNotice).Append('\n');
        if (pipeline.Secrets.Count > 0)
        {
            y.Append("# Secrets: add these as masked and protected CI/CD variables (Settings > CI/CD > Variables); the build reads them by name:\n");
            foreach (var s in pipeline.Secrets) y.Append("#   ").Append(s.EnvironmentName).Append(s.Description is null ? "" : $" ({s.Description})").Append('\n');
        }

        y.Append('\n');
        if (settings.Image.Length > 0) y.Append("image: ").Append(Yaml.Quote(settings.Image)).Append("\n\n");
        y.Append("variables:\n")
            .Append("  NUGET_PACKAGES: \"$CI_PROJECT_DIR/.nuget/packages\"\n")
            .Append("  DOTNET_CLI_TELEMETRY_OPTOUT: \"1\"\n")
            .Append("  DOTNET_NOLOGO: \"1\"\n\n");
        y.Append("workflow:\n  rules:\n")
            .Append("    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"\n")
            .Append("    - if: ").Append(OnDefaultBranch(settings)).Append('\n')
            .Append("    - if: $CI_COMMIT_TAG\n\n");
        y.Append("stages:\n");
        foreach (var level in pipeline.Levels) y.Append("  - ").Append(StageName(level)).Append('\n');
        y.Append('\n');
        // The compiled build project is cached too: build.sh runs it only when its fingerprint matches, otherwise it compiles.
        y.Append("default:\n  cache:\n    key:\n      files:\n        - global.json\n    paths:\n      - .nuget/packages/\n      - build/bin/\n      - build/obj/\n");
        foreach (var level in pipeline.Levels)
        {
            foreach (var job in level)
            {
                y.Append('\n').Append(job.Id).Append(":\n");
                y.Append("  stage: ").Append(StageName(level)).Append('\n');
                y.Append("  needs: [").Append(string.Join(", ", job.Needs)).Append("]\n");
                if (job.Environment is not null)
                {
                    y.Append("  environment:\n    name: ").Append(Yaml.Quote(job.Environment)).Append('\n');
                    y.Append("  resource_group: ").Append(Yaml.Quote("deploy-" + job.Environment)).Append('\n');
                }

                if (job.OnDefaultBranchOnly) y.Append("  rules:\n    - if: ").Append(OnDefaultBranch(settings)).Append('\n');

                y.Append("  script:\n    - ").Append(Yaml.Quote(job.Command)).Append('\n');
                y.Append("  artifacts:\n    name: \"$CI_JOB_NAME\"\n    when: always\n    expire_in: 1 week\n    paths:\n");
                foreach (var path in job.ArtifactPaths) y.Append("      - ").Append(Yaml.Quote(path)).Append('\n');
            }
        }

        return y.ToString();
    }

    /// <summary>A rules expression (GitLab compares with quoted strings only): pushes to the default branch.</summary>
    private static string OnDefaultBranch(GitLabCiAttribute settings) =>
        "$CI_COMMIT_BRANCH == \"" + settings.DefaultBranch.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string StageName(IGrouping<int, CiJob> level) => string.Join('-', level.Select(j => j.Id));
}
