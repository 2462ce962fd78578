using System.Globalization;

namespace ContainerCloudBuild.Deploy.Zabbix;

/// <summary>
/// Where the build reaches Zabbix (<c>--zabbix-url</c>, <c>--zabbix-token</c>, <c>--zabbix-sender</c>): the frontend whose
/// <c>api_jsonrpc.php</c> answers, an API token, and the trapper the deploy events go to (by default the URL's host, port 10051).
/// </summary>
public sealed record ZabbixConnection
{
    public const int DefaultTrapperPort = 10051;

    public required Uri Url { get; init; }

    public required string ApiToken { get; init; }

    public required string SenderHost { get; init; }

    public int SenderPort { get; init; } = DefaultTrapperPort;

    /// <summary>The connection for the build parameters; <paramref name="sender"/> is <c>host[:port]</c> or null for the URL's host.</summary>
    public static ZabbixConnection From(Uri url, string apiToken, string? sender)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiToken);
        if (sender is not { Length: > 0 })
            return new ZabbixConnection { Url = url, ApiToken = apiToken, SenderHost = url.Host };
        var colon = sender.LastIndexOf(':');
        if (colon < 0)
            return new ZabbixConnection { Url = url, ApiToken = apiToken, SenderHost = sender };
        if (!int.TryParse(sender[(colon + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535 || colon == 0)
            throw new ArgumentException($"--zabbix-sender '{sender}' is not host[:port] (e.g. zabbix.example.com:10051).", nameof(sender));
        return new ZabbixConnection { Url = url, ApiToken = apiToken, SenderHost = sender[..colon], SenderPort = port };
    }

    public override string ToString() => $"Zabbix {Url} (API token ***), trapper {SenderHost}:{SenderPort}";
}
