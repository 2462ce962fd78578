namespace ContainerCloudBuild.Zabbix.Api;

/// <summary>
/// How the API client authenticates: a user name and password (<c>user.login</c>, the session token is then sent
/// with every call) or an API token (sent as is). <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed record ZabbixCredentials
{
    private ZabbixCredentials(string? username, string? password, string? apiToken)
    {
        Username = username;
        Password = password;
        ApiToken = apiToken;
    }

    public string? Username { get; }

    public string? Password { get; }

    public string? ApiToken { get; }

    public bool IsApiToken => ApiToken is not null;

    public static ZabbixCredentials User(string username, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentNullException.ThrowIfNull(password);
        return new(username, password, null);
    }

    public static ZabbixCredentials Token(string apiToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiToken);
        return new(null, null, apiToken);
    }

    public override string ToString() => IsApiToken ? "API token ***" : $"user {Username} (password ***)";
}
