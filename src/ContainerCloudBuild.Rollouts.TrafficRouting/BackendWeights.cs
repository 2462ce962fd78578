namespace ContainerCloudBuild.Rollouts.TrafficRouting;

/// <summary>One revision's share in a routing object: the revision and its weight in percent.</summary>
public sealed record BackendWeight(string Revision, int Weight);

/// <summary>
/// The revisions a routing object sends traffic to, in order: the first is the primary backend (the Ingress's service,
/// the Route's <c>to</c>, the first backendRef), the others its alternates.
/// </summary>
internal static class BackendWeights
{
    public static List<BackendWeight> With(IReadOnlyList<BackendWeight> backends, string revision, int weight)
    {
        var list = backends.ToList();
        var index = list.FindIndex(b => b.Revision == revision);
        if (index < 0) list.Add(new BackendWeight(revision, weight));
        else list[index] = new BackendWeight(revision, weight);
        return list;
    }

    /// <summary>Removes a revision; when it was the primary, the heaviest remaining backend becomes the primary.</summary>
    public static List<BackendWeight> Without(IReadOnlyList<BackendWeight> backends, string revision)
    {
        var list = backends.Where(b => b.Revision != revision).ToList();
        if (backends.Count > 0 && backends[0].Revision == revision && list.Count > 1)
        {
            var heaviest = list.OrderByDescending(b => b.Weight).First();
            list.Remove(heaviest);
            list.Insert(0, heaviest);
        }
        return list;
    }

    public static string Describe(IEnumerable<BackendWeight> backends) => string.Join(", ", backends.Select(b => $"{b.Revision}={b.Weight}%"));
}
