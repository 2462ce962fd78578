using ContainerCloudBuild.Zabbix.Sender;

namespace ContainerCloudBuild.Zabbix.Registration;

/// <summary>
/// Whether the server's configuration cache knows a freshly created host yet: a value for the template's trapper item
/// <see cref="Key"/> is accepted only once the host and item are in the cache (the API writes the database; the server
/// reads it every CacheUpdateFrequency, 60 s by default). A 6.0 agent that asks for its active checks before that gets
/// "host not found" and asks again only after RefreshActiveChecks (at least 60 s), so a container is started after this says yes.
/// </summary>
public sealed class ServerCacheProbe(ZabbixSender sender)
{
    /// <summary>The template's trapper item this probe sends to (the value is the probe's own; nothing reads it).</summary>
    public const string Key = "ccb.registered";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Sends to the host's probe item until the server accepts it; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitUntilKnownAsync(string host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendUntilAcceptedAsync(new SenderValue(host, Key, "1"), timeout, RetryDelay, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ZabbixSenderException)
        {
            return false;
        }
    }
}
