using System.Globalization;
using System.Text.RegularExpressions;

namespace ContainerCloudBuild.Zabbix.Sender;

/// <summary>One value for a trapper item: host (technical name), item key, value as text, optional timestamp.</summary>
public sealed record SenderValue(string Host, string Key, string Value, DateTimeOffset? Clock = null)
{
    public static SenderValue Number(string host, string key, double value, DateTimeOffset? clock = null) =>
        new(host, key, value.ToString("R", CultureInfo.InvariantCulture), clock);

    public override string ToString() => $"{Host}:{Key}";
}

/// <summary>
/// The server's reply to one request, read from its <c>info</c> ("processed: 1; failed: 0; total: 1; seconds spent: 0.000055").
/// </summary>
public sealed partial record SenderReply(string Response, int Processed, int Failed, int Total, string Info)
{
    public bool Succeeded => Response == "success" && Failed == 0;

    public static SenderReply Parse(string response, string info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new SenderReply(response, Count(info, "processed"), Count(info, "failed"), Count(info, "total"), info);
    }

    private static int Count(string info, string name)
    {
        var match = CountPattern().Matches(info).FirstOrDefault(m => m.Groups["name"].Value == name);
        return match is null ? 0 : int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(?<name>[a-z]+(?: [a-z]+)*):\s*(?<count>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex CountPattern();
}

/// <summary>What a <see cref="ZabbixSender.SendAsync"/> of several batches added up to.</summary>
public sealed record SenderResult(int Processed, int Failed, int Batches);

/// <summary>
/// The server did not accept every value. <see cref="Rejected"/> names the values of the batches that had
/// failures (exactly the rejected one when a batch held one value: the server only counts failures). Typical
/// causes: an unknown host or item, an item that is not a trapper item, an item not yet in the configuration cache.
/// </summary>
public sealed class ZabbixSenderException : Exception
{
    public ZabbixSenderException(string server, int failed, int total, IReadOnlyList<SenderValue> rejected)
        : base(Describe(server, failed, total, rejected))
    {
        Server = server;
        Failed = failed;
        Total = total;
        Rejected = rejected;
    }

    /// <summary><paramref name="value"/> was still not accepted when <paramref name="timeout"/> passed (<see cref="ZabbixSender.SendUntilAcceptedAsync"/>).</summary>
    public ZabbixSenderException(string server, SenderValue value, TimeSpan timeout, SenderReply lastReply)
        : base(DescribeNotAccepted(server, value, timeout, lastReply))
    {
        ArgumentNullException.ThrowIfNull(value);
        Server = server;
        Failed = 1;
        Total = 1;
        Rejected = [value];
    }

    public ZabbixSenderException() { }

    public ZabbixSenderException(string message) : base(message) { }

    public ZabbixSenderException(string message, Exception inner) : base(message, inner) { }

    public string Server { get; } = "";

    public int Failed { get; }

    public int Total { get; }

    public IReadOnlyList<SenderValue> Rejected { get; } = [];

    private static string DescribeNotAccepted(string server, SenderValue value, TimeSpan timeout, SenderReply lastReply) =>
        $"Zabbix server {server} did not accept a value for {value} within {timeout.TotalSeconds:0.###} s (last reply: {lastReply?.Response} {lastReply?.Info}). "
        + "Check that the host exists and is monitored and that the key is a trapper item on it; a new host or item is accepted only once it reached "
        + "the server's configuration cache (CacheUpdateFrequency, 60 s by default): wait longer than that or lower it.";

    private static string Describe(string server, int failed, int total, IReadOnlyList<SenderValue> rejected)
    {
        var which = rejected.Count == failed
            ? $"rejected: {string.Join(", ", rejected)}"
            : $"rejected among: {string.Join(", ", rejected.Take(20))}{(rejected.Count > 20 ? ", ..." : "")}";
        return $"Zabbix server {server} rejected {failed} of {total} values ({which}). Check that each host exists and is monitored, "
            + "that each key is a trapper item on it, and that a new item had time to reach the server's configuration cache (CacheUpdateFrequency).";
    }
}
