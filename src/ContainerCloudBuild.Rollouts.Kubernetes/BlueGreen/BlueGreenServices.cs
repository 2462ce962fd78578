using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Rollouts.Kubernetes.BlueGreen;

/// <summary>
/// The two Services of a blue-green application, built from the service's rendered Service (its ports) or a default:
/// the active one, named as the application, and the preview one (<c>&lt;app&gt;-preview</c>); each selects one revision.
/// </summary>
public sealed class BlueGreenServices(JsonObject? template, int port = 80, int targetPort = 8080)
{
    public const string WeightsAnnotation = RolloutLabels.Prefix + "weights";

    public static string ActiveName(string app) => RolloutLabels.ToDnsLabel(app);

    public static string PreviewName(string app) => RolloutLabels.ToDnsLabel(app) + "-preview";

    /// <summary>The active Service selecting <paramref name="revision"/>, carrying the weights as an annotation.</summary>
    public JsonObject Active(string app, string ns, string revision, string weightsJson) =>
        Build(app, ns, ActiveName(app), "active", revision, new JsonObject { [WeightsAnnotation] = weightsJson });

    public JsonObject Preview(string app, string ns, string revision) => Build(app, ns, PreviewName(app), "preview", revision, new JsonObject());

    private JsonObject Build(string app, string ns, string name, string role, string revision, JsonObject annotations)
    {
        var ports = template?["spec"]?["ports"]?.DeepClone() as JsonArray
            ?? new JsonArray(new JsonObject { ["name"] = "http", ["port"] = port, ["targetPort"] = targetPort, ["protocol"] = "TCP" });
        var labels = (template?["metadata"]?["labels"] as JsonObject)?.DeepClone().AsObject() ?? new JsonObject();
        labels[RolloutLabels.App] = app;
        labels[RolloutLabels.Role] = role;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels, ["annotations"] = annotations },
            ["spec"] = new JsonObject
            {
                ["type"] = template?["spec"]?["type"]?.GetValue<string>() ?? "ClusterIP",
                ["ports"] = ports,
                ["selector"] = new JsonObject { [RolloutLabels.App] = app, [RolloutLabels.Revision] = revision },
            },
        };
    }
}
