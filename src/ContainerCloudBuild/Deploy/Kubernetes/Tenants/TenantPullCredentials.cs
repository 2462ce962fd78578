using System.Net;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Harbor;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Deploy.Kubernetes;

/// <summary>The pull secret to keep or to write, and what was decided about the Harbor robot behind it.</summary>
public sealed record TenantPullSecret(string Robot, JsonObject? SecretToApply, string Outcome);

/// <summary>
/// The Harbor side of a tenant: its project, and a pull-only project robot whose secret becomes the namespace's image
/// pull secret. Harbor shows a robot's secret only when it creates the robot, so the pull secret in the namespace is the
/// record: when it exists and names the robot it is reused and no robot is created or refreshed (a second run changes
/// nothing); when it is missing the robot is created; a robot that exists without its pull secret cannot be read back,
/// so that is an error that says to delete the robot in Harbor. Every form of the secret is registered with the masker first.
/// </summary>
public sealed class TenantPullCredentials(IHarborClient harbor, Uri harborUrl, SecretMasker masker)
{
    public async Task<(ProjectEnsureOutcome Project, TenantPullSecret PullSecret)> EnsureAsync(
        string project, string robotName, string secretName, JsonObject? liveSecret, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(harborUrl);
        var outcome = await harbor.EnsureProjectAsync(new ProjectSpec(project), cancellationToken).ConfigureAwait(false);
        var robot = $"robot${project}+{robotName}";
        if (DockerConfigPullSecret.RobotOf(liveSecret) == robot)
            return (outcome, new TenantPullSecret(robot, null, $"kept: it holds {robot}'s secret, which is not regenerated"));

        RobotAccount created;
        try
        {
            created = await harbor.CreateRobotAccountAsync(new RobotAccountRequest(project, robotName)
            {
                Description = $"Image pulls of namespace {project} (ContainerCloudBuild Tenant)",
                RepositoryActions = ["pull"],
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (HarborApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException(
                $"Harbor project '{project}' already has robot '{robot}', but the namespace has no pull secret '{secretName}' holding it, and Harbor " +
                $"never shows a robot's secret again. Delete the robot in Harbor (Projects > {project} > Robot Accounts) and run Tenant again.", e);
        }
        var secret = created.Secret.Reveal();
        masker.RegisterBasicCredentials(created.Name, secret);
        var registry = harborUrl.IsDefaultPort ? harborUrl.Host : $"{harborUrl.Host}:{harborUrl.Port}";
        var encoded = DockerConfigPullSecret.Encode(registry, created.Name, secret);
        masker.Register(encoded);
        return (outcome, new TenantPullSecret(created.Name, DockerConfigPullSecret.Secret(secretName, project, labels, created.Name, encoded),
            $"written: robot {created.Name} created (pull only) for {registry}"));
    }
}
