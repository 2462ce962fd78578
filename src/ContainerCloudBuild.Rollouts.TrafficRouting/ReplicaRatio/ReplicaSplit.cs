namespace ContainerCloudBuild.Rollouts.TrafficRouting.ReplicaRatio;

/// <summary>
/// Turns traffic percentages into pod counts out of <c>total</c>: each revision gets round(total × weight / 100), at least one
/// pod while its weight is above 0, and the heaviest revision absorbs the rounding so the counts add up to the total.
/// </summary>
public static class ReplicaSplit
{
    public static IReadOnlyDictionary<string, int> Of(IReadOnlyDictionary<string, int> weights, int total)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        var counts = weights.ToDictionary(
            w => w.Key,
            w => w.Value <= 0 ? 0 : Math.Max(1, (int)Math.Round(total * w.Value / 100.0, MidpointRounding.AwayFromZero)),
            StringComparer.Ordinal);
        var sum = counts.Values.Sum();
        if (sum != total && weights.Values.Sum() == 100)
        {
            var heaviest = weights.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).First().Key;
            counts[heaviest] = Math.Max(weights[heaviest] > 0 ? 1 : 0, counts[heaviest] + total - sum);
        }
        return counts;
    }

    /// <summary>The share of traffic (percent, rounded) each revision gets from its pod count, as a Service spreading evenly would give.</summary>
    public static IReadOnlyDictionary<string, int> Achieved(IReadOnlyDictionary<string, int> replicas)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        var sum = replicas.Values.Sum();
        return replicas.ToDictionary(r => r.Key, r => sum == 0 ? 0 : (int)Math.Round(100.0 * r.Value / sum, MidpointRounding.AwayFromZero), StringComparer.Ordinal);
    }
}
