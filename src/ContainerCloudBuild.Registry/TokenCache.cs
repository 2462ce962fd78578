namespace ContainerCloudBuild.Registry;

/// <summary>Bearer tokens per registry and scope, kept until they expire (by the injected clock).</summary>
public sealed class TokenCache(TimeProvider time)
{
    private readonly Dictionary<string, (string Token, DateTimeOffset ExpiresAt)> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public bool TryGet(string registry, string scope, out string token)
    {
        lock (_lock)
        {
            if (_tokens.TryGetValue(Key(registry, scope), out var entry) && time.GetUtcNow() < entry.ExpiresAt)
            {
                token = entry.Token;
                return true;
            }
        }
        token = "";
        return false;
    }

    public void Set(string registry, string scope, string token, DateTimeOffset expiresAt)
    {
        lock (_lock) _tokens[Key(registry, scope)] = (token, expiresAt);
    }

    public void Remove(string registry, string scope)
    {
        lock (_lock) _tokens.Remove(Key(registry, scope));
    }

    private static string Key(string registry, string scope) => registry + "|" + scope;
}
