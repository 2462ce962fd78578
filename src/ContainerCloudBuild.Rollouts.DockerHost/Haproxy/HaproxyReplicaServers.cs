using System.Globalization;

namespace ContainerCloudBuild.Rollouts.DockerHost.Haproxy;

/// <summary>
/// How a revision's replicas appear in HAProxy: one server per replica named <c>&lt;revision&gt;:&lt;index&gt;</c> (':' never occurs in a
/// revision name), and the revision's weight split over them.
/// </summary>
public static class HaproxyReplicaServers
{
    public static string ServerName(string revision, int replica) => string.Create(CultureInfo.InvariantCulture, $"{revision}:{replica}");

    /// <summary>The revision a server belongs to; a server named without an index (routed before revisions had replicas) is the revision itself.</summary>
    public static string RevisionOf(string serverName)
    {
        ArgumentNullException.ThrowIfNull(serverName);
        var colon = serverName.LastIndexOf(':');
        return colon > 0 && int.TryParse(serverName.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? serverName[..colon] : serverName;
    }

    /// <summary>The replica index in a server name; 0 for a server named without one.</summary>
    public static int ReplicaOf(string serverName)
    {
        ArgumentNullException.ThrowIfNull(serverName);
        var colon = serverName.LastIndexOf(':');
        return colon > 0 && int.TryParse(serverName.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : 0;
    }

    /// <summary>
    /// Splits a revision's weight (percent) over its <paramref name="servers"/>: each gets <c>weight / servers</c> and the first
    /// <c>weight % servers</c> one more, so together they carry exactly the revision's weight and the split between revisions stays
    /// exact. Replicas of one revision differ by at most 1 point; below one point per replica (e.g. 1% over 2) some replicas get 0.
    /// </summary>
    public static IReadOnlyList<int> SplitWeight(int weight, int servers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        return [.. Enumerable.Range(0, servers).Select(i => (weight / servers) + (i < weight % servers ? 1 : 0))];
    }
}
