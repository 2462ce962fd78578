namespace ContainerCloudBuild.Engine.CiHosts;

/// <summary>Recognises the CI system from its environment variables.</summary>
public static class CiHostDetector
{
    public static ICiHost Detect(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        bool Has(string name) => !string.IsNullOrEmpty(environment.GetValueOrDefault(name));
        bool IsTrue(string name) => string.Equals(environment.GetValueOrDefault(name), "true", StringComparison.OrdinalIgnoreCase);

        if (IsTrue("GITHUB_ACTIONS")) return new GitHubActionsHost();
        if (IsTrue("GITLAB_CI")) return new GitLabCiHost();
        if (Has("JENKINS_URL") || Has("JENKINS_HOME")) return new JenkinsHost();
        if (IsTrue("TF_BUILD")) return new AzurePipelinesHost();
        return new LocalHost();
    }
}
