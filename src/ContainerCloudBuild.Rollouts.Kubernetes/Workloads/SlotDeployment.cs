using System.Globalization;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Workloads;

/// <summary>
/// Builds one revision's Deployment (a slot) from the service's rendered Deployment: same pod template, probes and
/// volumes, renamed <c>&lt;app&gt;-&lt;revision&gt;</c>, labelled with the app and revision (selector and pods), with the
/// revision's image, replicas, environment and limits. Without a rendered Deployment a minimal one is built.
/// </summary>
public sealed class SlotDeployment(JsonObject? template, int containerPort = 8080)
{
    public JsonObject Build(string app, string revision, WorkloadSpec workload, string ns)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var deployment = template?.DeepClone().AsObject() ?? Minimal(app);
        var source = deployment["metadata"] as JsonObject;
        var revisionLabels = new JsonObject { [RolloutLabels.Instance] = app, [RolloutLabels.App] = app, [RolloutLabels.Revision] = revision };
        deployment["apiVersion"] = "apps/v1";
        deployment["kind"] = "Deployment";
        deployment.Remove("status");
        deployment["metadata"] = new JsonObject
        {
            ["name"] = RolloutLabels.Slot(app, revision),
            ["namespace"] = ns,
            ["labels"] = Merge(source?["labels"] as JsonObject, revisionLabels),
            ["annotations"] = (source?["annotations"] as JsonObject)?.DeepClone() ?? new JsonObject(),
        };
        var spec = Object(deployment, "spec");
        spec["replicas"] = workload.Replicas;
        var selector = Object(spec, "selector");
        selector["matchLabels"] = Merge(selector["matchLabels"] as JsonObject, revisionLabels);
        var pod = Object(spec, "template");
        var podMetadata = Object(pod, "metadata");
        podMetadata["labels"] = Merge(podMetadata["labels"] as JsonObject, revisionLabels);
        var podSpec = Object(pod, "spec");
        var containers = podSpec["containers"] as JsonArray ?? [];
        podSpec["containers"] = containers;
        if (containers.Count == 0)
            containers.Add(new JsonObject { ["name"] = app });
        Apply(containers[0]!.AsObject(), workload);
        return deployment;
    }

    private void Apply(JsonObject container, WorkloadSpec workload)
    {
        container["image"] = workload.Image;
        var env = container["env"] as JsonArray ?? [];
        container["env"] = env;
        foreach (var (name, value) in workload.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var existing = env.OfType<JsonObject>().FirstOrDefault(e => e["name"]?.GetValue<string>() == name);
            if (existing is not null)
                env.Remove(existing);
            env.Add(new JsonObject { ["name"] = name, ["value"] = value });
        }
        if (workload.CpuLimit is not null || workload.MemoryLimitBytes is not null)
        {
            var limits = Object(Object(container, "resources"), "limits");
            if (workload.CpuLimit is { } cpu)
                limits["cpu"] = string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling(cpu * 1000)}m");
            if (workload.MemoryLimitBytes is { } memory)
                limits["memory"] = memory.ToString(CultureInfo.InvariantCulture);
        }
        if (container["ports"] is not JsonArray { Count: > 0 })
            container["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = containerPort });
        if (container["readinessProbe"] is null)
        {
            var health = workload.HealthCheck;
            container["readinessProbe"] = new JsonObject
            {
                ["httpGet"] = new JsonObject { ["path"] = health.Path, ["port"] = containerPort },
                ["periodSeconds"] = Math.Max(1, (int)Math.Ceiling(health.Interval.TotalSeconds)),
                ["timeoutSeconds"] = Math.Max(1, (int)Math.Ceiling(health.Timeout.TotalSeconds)),
            };
        }
    }

    private static JsonObject Minimal(string app) => new()
    {
        ["spec"] = new JsonObject
        {
            ["template"] = new JsonObject { ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = app }) } },
        },
    };

    private static JsonObject Merge(JsonObject? first, JsonObject second)
    {
        var merged = first?.DeepClone().AsObject() ?? new JsonObject();
        foreach (var (key, value) in second)
            merged[key] = value?.DeepClone();
        return merged;
    }

    internal static JsonObject Object(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
            return existing;
        var created = new JsonObject();
        parent[name] = created;
        return created;
    }
}
