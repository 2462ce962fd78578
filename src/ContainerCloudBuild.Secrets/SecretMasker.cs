namespace ContainerCloudBuild.Secrets;

/// <summary>
/// Replaces every registered secret with <c>***</c>, in each form it takes in transit (see <see cref="SecretForms"/>):
/// as written, URL-encoded, JSON-escaped, and for credentials registered with
/// <see cref="RegisterBasicCredentials"/> the base64 of <c>user:secret</c>. The searcher is rebuilt only when a
/// secret is registered, so <see cref="Apply(string)"/> costs one vectorized scan per line. Thread-safe.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "***";

    /// <summary>Values shorter than this are not registered: masking them would blank out ordinary text.</summary>
    public const int MinimumLength = 3;

    private readonly Lock _gate = new();
    private MaskSet _set = MaskSet.Empty;

    public SecretMasker()
    {
    }

    public SecretMasker(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets)
            Register(secret);
    }

    /// <summary>Raised once per newly masked value, each form included (CI hosts use it to register their own mask).</summary>
    public event Action<string>? SecretRegistered;

    public bool HasSecrets => Volatile.Read(ref _set).Count > 0;

    /// <summary>Masks <paramref name="secret"/> from now on; null, blank or short values are ignored.</summary>
    public void Register(string? secret)
    {
        if (IsMaskable(secret))
            Add(SecretForms.Of(secret));
    }

    /// <summary>
    /// Masks <paramref name="secret"/> and the base64 of <c>user:secret</c> that an HTTP Basic
    /// <c>Authorization</c> header carries.
    /// </summary>
    public void RegisterBasicCredentials(string? user, string? secret)
    {
        if (!IsMaskable(secret))
            return;
        Add([.. SecretForms.Of(secret), SecretForms.BasicCredentials(user ?? "", secret)]);
    }

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Volatile.Read(ref _set).Apply(text, Mask);
    }

    private static bool IsMaskable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? secret) =>
        !string.IsNullOrWhiteSpace(secret) && secret.Length >= MinimumLength;

    private void Add(IEnumerable<string> forms)
    {
        List<string> added;
        lock (_gate)
        {
            added = [.. forms.Where(f => !_set.Contains(f)).Distinct(StringComparer.Ordinal)];
            if (added.Count == 0)
                return;
            Volatile.Write(ref _set, _set.With(added));
        }

        foreach (var form in added)
            SecretRegistered?.Invoke(form);
    }
}
