using System.Text.Json.Nodes;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Zabbix.Api;

/// <summary>
/// The typed Zabbix 6.0 API calls ContainerCloudBuild uses, grouped by object: <see cref="Hosts"/> (hosts and host
/// groups), <see cref="Items"/> (items and history), <see cref="Maintenances"/>, plus the API version and API tokens.
/// </summary>
public sealed class ZabbixApi
{
    public ZabbixApi(ZabbixApiClient client, SecretMasker masker)
    {
        Client = client;
        this.masker = masker;
        Hosts = new ZabbixHostsApi(client);
        Items = new ZabbixItemsApi(client);
        Maintenances = new ZabbixMaintenancesApi(client);
    }

    private readonly SecretMasker masker;

    public static ZabbixApi Create(HttpClient http, Uri frontendUrl, ZabbixCredentials credentials, SecretMasker masker) =>
        new(new ZabbixApiClient(http, frontendUrl, credentials, masker), masker);

    public ZabbixApiClient Client { get; }

    public ZabbixHostsApi Hosts { get; }

    public ZabbixItemsApi Items { get; }

    public ZabbixMaintenancesApi Maintenances { get; }

    /// <summary><c>apiinfo.version</c> (no login needed), e.g. "6.0.14".</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken) =>
        (await Client.CallAnonymousAsync("apiinfo.version", Array.Empty<object>(), cancellationToken).ConfigureAwait(false))?.ToString() ?? "";

    /// <summary>
    /// Creates an API token for <paramref name="username"/> (<c>token.create</c> + <c>token.generate</c>), registered
    /// with the masker before it is returned.
    /// </summary>
    public async Task<string> CreateApiTokenAsync(string name, string username, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var users = await Client.CallAsync("user.get", new { output = new[] { "userid" }, filter = new { username } }, cancellationToken).ConfigureAwait(false);
        var userId = ZabbixJson.Items(users).Select(u => ZabbixJson.Text(u, "userid")).FirstOrDefault()
            ?? throw new ZabbixApiException("user.get", 0, "Not found", $"there is no Zabbix user '{username}'");
        var created = await Client.CallAsync("token.create", new
        {
            name,
            userid = userId,
            expires_at = expiresAt is { } e ? ZabbixJson.Invariant(e.ToUnixTimeSeconds()) : "0",
        }, cancellationToken).ConfigureAwait(false);
        var tokenId = created?["tokenids"]?[0]?.ToString() ?? throw new ZabbixApiException("token.create", 0, "Empty answer", "no token id");
        var generated = await Client.CallAsync("token.generate", new[] { tokenId }, cancellationToken).ConfigureAwait(false);
        var token = generated?[0]?["token"]?.ToString() ?? throw new ZabbixApiException("token.generate", 0, "Empty answer", "no token");
        masker.Register(token);
        return token;
    }

    internal static IReadOnlyList<string> Ids(JsonNode? result, string property) =>
        [.. ZabbixJson.Items(result?[property]).Select(n => n.ToString())];
}
