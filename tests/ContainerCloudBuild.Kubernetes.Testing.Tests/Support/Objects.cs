using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests.Support;

/// <summary>Small typed objects for tests.</summary>
public static class Objects
{
    public static V1ConfigMap ConfigMap(string name, Dictionary<string, string>? data = null, Dictionary<string, string>? labels = null) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Data = data ?? new Dictionary<string, string> { ["key"] = "value" },
    };

    public static V1Deployment Deployment(string name, string image, int replicas = 1, int? maxSurge = null, int? maxUnavailable = null, int? progressDeadlineSeconds = null) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            ProgressDeadlineSeconds = progressDeadlineSeconds,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Strategy = maxSurge is null && maxUnavailable is null ? null : new V1DeploymentStrategy
            {
                Type = "RollingUpdate",
                RollingUpdate = new V1RollingUpdateDeployment
                {
                    MaxSurge = maxSurge is null ? null : (IntOrString)maxSurge.Value,
                    MaxUnavailable = maxUnavailable is null ? null : (IntOrString)maxUnavailable.Value,
                },
            },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image }] },
            },
        },
    };
}
