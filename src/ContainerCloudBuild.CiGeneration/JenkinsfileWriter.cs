using System.Text;

namespace ContainerCloudBuild.CiGeneration;

/// <summary>
/// A thin declarative <c>Jenkinsfile</c>: one stage per job, each only calling <c>./build.sh</c> inside a
/// credentials binding of the build's secrets (string credentials whose id is the kebab-case variable name).
/// The job logic lives in the C# build; stages share the workspace, so no artifacts are passed between them, except the
/// publish stage's recorded image: stashed, and unstashed by each deploy stage, so a deploy reads this build's record only.
/// </summary>
public static class JenkinsfileWriter
{
    public const string FileName = "Jenkinsfile";

    /// <summary>The stash the publish stage keeps the recorded image in; each deploy stage unstashes it (whatever agent it runs on).</summary>
    private const string PublishedImageStash = "published-image";

    public static string Write(CiPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var settings = (JenkinsAttribute)pipeline.Settings;
        var j = new StringBuilder();
        j.Append("// ").Append(pipeline.GeneratedNotice).Append('\n');
        if (pipeline.Secrets.Count > 0)
            j.Append("// Secrets: add 'Secret text' credentials with these ids: ").Append(string.Join(", ", pipeline.Secrets.Select(s => s.CredentialsId))).Append('\n');
        j.Append("pipeline {\n");
        j.Append(settings.AgentLabel.Length == 0 ? "  agent any\n" : $"  agent {{ label '{Groovy(settings.AgentLabel)}' }}\n");
        j.Append("  options {\n    disableConcurrentBuilds()\n    timestamps()\n  }\n");
        j.Append("  environment {\n    NUGET_PACKAGES = \"${WORKSPACE}/.nuget/packages\"\n    DOTNET_CLI_TELEMETRY_OPTOUT = '1'\n  }\n");
        j.Append("  stages {\n");
        foreach (var job in pipeline.Jobs)
        {
            j.Append("    stage('").Append(Groovy(job.Id)).Append("') {\n");
            if (job.OnDefaultBranchOnly)
                j.Append("      when { branch '").Append(Groovy(settings.DefaultBranch)).Append("' }\n");
            j.Append("      steps {\n");
            var indent = "        ";
            if (job.Kind == CiJobKind.Deploy && pipeline.PublishJob is not null)
                j.Append(indent).Append("unstash '").Append(PublishedImageStash).Append("'\n");
            if (pipeline.Secrets.Count > 0)
            {
                j.Append(indent).Append("withCredentials([")
                    .Append(string.Join(", ", pipeline.Secrets.Select(s => $"string(credentialsId: '{Groovy(s.CredentialsId)}', variable: '{s.EnvironmentName}')")))
                    .Append("]) {\n");
                indent += "  ";
            }

            j.Append(indent).Append("sh '").Append(Groovy(job.Command)).Append("'\n");
            if (pipeline.Secrets.Count > 0) j.Append("        }\n");
            if (job.Kind == CiJobKind.Publish)
                j.Append("        stash name: '").Append(PublishedImageStash).Append("', includes: '").Append(Groovy(CiPipelineBuilder.PublishedImagePath)).Append("'\n");
            j.Append("      }\n    }\n");
        }

        j.Append("  }\n");
        j.Append("  post {\n    always {\n      archiveArtifacts artifacts: '")
            .Append(Groovy(string.Join(',', pipeline.Jobs.SelectMany(x => x.ArtifactPaths).Distinct())))
            .Append("', allowEmptyArchive: true\n    }\n  }\n}\n");
        return j.ToString();
    }

    private static string Groovy(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
}
