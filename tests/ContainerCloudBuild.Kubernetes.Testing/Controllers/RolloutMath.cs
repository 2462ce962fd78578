using System.Globalization;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Testing.Controllers;

/// <summary>maxSurge/maxUnavailable as counts (ints or percentages of replicas; surge rounds up, unavailable down).</summary>
public static class RolloutMath
{
    public static (int Surge, int Unavailable) Budget(JsonObject deployment, int replicas)
    {
        var rolling = deployment["spec"]?["strategy"]?["rollingUpdate"];
        var surge = Resolve(rolling?["maxSurge"], replicas, roundUp: true);
        var unavailable = Resolve(rolling?["maxUnavailable"], replicas, roundUp: false);
        if (surge == 0 && unavailable == 0) unavailable = 1;
        return (surge, unavailable);
    }

    private static int Resolve(JsonNode? value, int replicas, bool roundUp)
    {
        if (Store.KubeObjectJson.Number(value) is { } count) return (int)count;
        var text = value is JsonValue s && s.TryGetValue<string>(out var str) ? str : "25%";
        if (!text.EndsWith('%') && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var plain)) return plain;
        var percent = int.Parse(text.TrimEnd('%'), CultureInfo.InvariantCulture) * replicas / 100.0;
        return roundUp ? (int)Math.Ceiling(percent) : (int)Math.Floor(percent);
    }

    public static string TemplateHash(JsonNode? template)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(template?.ToJsonString() ?? ""));
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string(bytes.Take(10).Select(b => alphabet[b % alphabet.Length]).ToArray());
    }
}
