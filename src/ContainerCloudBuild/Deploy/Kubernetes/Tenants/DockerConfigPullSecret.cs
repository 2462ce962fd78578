using System.Text;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Deploy.Kubernetes;

/// <summary>
/// The namespace's image pull secret: a <c>kubernetes.io/dockerconfigjson</c> Secret holding one registry's robot
/// credentials, annotated with the robot's name so a later run knows whose secret it holds.
/// </summary>
public static class DockerConfigPullSecret
{
    public const string Type = "kubernetes.io/dockerconfigjson";
    public const string Key = ".dockerconfigjson";
    public const string RobotAnnotation = "containercloud.io/harbor-robot";

    /// <summary>The encoded <c>.dockerconfigjson</c> value: <c>{"auths":{registry:{username,password,auth}}}</c>, base64.</summary>
    public static string Encode(string registry, string username, string password)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
        var config = new JsonObject
        {
            ["auths"] = new JsonObject
            {
                [registry] = new JsonObject { ["username"] = username, ["password"] = password, ["auth"] = auth },
            },
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(config.ToJsonString()));
    }

    public static JsonObject Secret(string name, string @namespace, IReadOnlyDictionary<string, string> labels, string robot, string encodedConfig)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var labelObject = new JsonObject();
        foreach (var (key, value) in labels)
            labelObject[key] = value;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = @namespace,
                ["labels"] = labelObject,
                ["annotations"] = new JsonObject { [RobotAnnotation] = robot },
            },
            ["type"] = Type,
            ["data"] = new JsonObject { [Key] = encodedConfig },
        };
    }

    /// <summary>The robot a live pull secret names (null when the Secret is not one of ours).</summary>
    public static string? RobotOf(JsonObject? secret) =>
        secret?["type"]?.GetValue<string>() == Type && secret["data"]?[Key] is not null
            ? secret["metadata"]?["annotations"]?[RobotAnnotation]?.GetValue<string>()
            : null;
}
