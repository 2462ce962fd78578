using System.Text;

namespace ContainerCloudBuild.CiGeneration;

/// <summary>
/// <c>.github/workflows/build.yml</c>: a job per CI job with <c>needs</c>, the NuGet cache, artifacts uploaded and
/// downloaded between jobs (the publish job's recorded image among them), secrets from <c>secrets.NAME</c>, and
/// <c>environment</c> + <c>concurrency</c> for deploys.
/// </summary>
public static class GitHubActionsWriter
{
    public const string FileName = ".github/workflows/build.yml";

    public static string Write(CiPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var settings = (GitHubActionsAttribute)pipeline.Settings;
        var y = new StringBuilder();
        y.Append("# ").Append(pipeline.GeneratedNotice).Append('\n');
        y.Append("name: build\n\non:\n  push:\n    branches: [").Append(Yaml.Quote(settings.DefaultBranch)).Append("]\n  pull_request:\n\n");
        y.Append("env:\n  NUGET_PACKAGES: ${{ github.workspace }}/.nuget/packages\n  DOTNET_CLI_TELEMETRY_OPTOUT: \"1\"\n\njobs:\n");
        foreach (var job in pipeline.Jobs)
        {
            y.Append("  ").Append(job.Id).Append(":\n");
            y.Append("    runs-on: ").Append(Yaml.Quote(settings.RunsOn)).Append('\n');
            if (job.Needs.Count > 0) y.Append("    needs: [").Append(string.Join(", ", job.Needs)).Append("]\n");
            if (job.OnDefaultBranchOnly) y.Append("    if: github.ref == 'refs/heads/").Append(settings.DefaultBranch).Append("'\n");
            if (job.Environment is not null)
            {
                y.Append("    environment: ").Append(Yaml.Quote(job.Environment)).Append('\n');
                y.Append("    concurrency:\n      group: ").Append(Yaml.Quote("deploy-" + job.Environment)).Append("\n      cancel-in-progress: false\n");
            }

            y.Append("    steps:\n      - uses: actions/checkout@v4\n");
            y.Append("      - uses: actions/cache@v4\n        with:\n          path: .nuget/packages\n")
                .Append("          key: nuget-${{ hashFiles('global.json', '**/*.csproj', 'Directory.Packages.props') }}\n");
            foreach (var need in job.Needs)
                y.Append("      - uses: actions/download-artifact@v4\n        with:\n          name: ").Append(need).Append('\n');
            y.Append("      - run: ").Append(Yaml.Quote(job.Command)).Append('\n');
            if (pipeline.Secrets.Count > 0)
            {
                y.Append("        env:\n");
                foreach (var s in pipeline.Secrets) y.Append("          ").Append(s.EnvironmentName).Append(": ${{ secrets.").Append(s.EnvironmentName).Append(" }}\n");
            }

            y.Append("      - uses: actions/upload-artifact@v4\n        if: always()\n        with:\n          name: ").Append(job.Id)
                .Append("\n          include-hidden-files: true\n          if-no-files-found: ignore\n          path: |\n");
            foreach (var path in job.ArtifactPaths) y.Append("            ").Append(path).Append('\n');
        }

        return y.ToString();
    }
}
