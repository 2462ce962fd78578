namespace ContainerCloudBuild.Engine.Output;

/// <summary>
/// Replaces every registered secret value with <c>***</c>. Secrets come from <c>[Secret]</c>
/// parameters and from values registered at run time (tokens, robot secrets). Thread-safe.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "***";
    private readonly Lock _gate = new();
    private string[] _secrets = [];

    /// <summary>Raised once per newly registered value (CI hosts use it to register their own mask).</summary>
    public event Action<string>? SecretRegistered;

    public void Register(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
            return;
        lock (_gate)
        {
            if (_secrets.Contains(secret, StringComparer.Ordinal))
                return;
            // Longest first, so a secret that contains another is masked whole.
            _secrets = [.. _secrets.Append(secret).OrderByDescending(s => s.Length)];
        }

        SecretRegistered?.Invoke(secret);
    }

    public bool HasSecrets => Volatile.Read(ref _secrets).Length > 0;

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var secrets = Volatile.Read(ref _secrets);
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
