namespace ContainerCloudBuild.Abstractions;

/// <summary>
/// Credentials for one registry (<c>host[:port]</c>). <see cref="ToString"/> never shows the
/// password, so the value is safe to log or put in a message.
/// </summary>
public sealed record RegistryCredentials(string Registry, string Username, string Password)
{
    public override string ToString() => $"{Username}@{Registry} (password hidden)";
}
