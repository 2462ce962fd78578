namespace ContainerCloudBuild.Analysis.Events;

/// <summary>
/// Replaces every known secret (and its URL-encoded form) with <c>***</c> in every field of an event, before
/// the event leaves the process. Longer secrets are replaced first so one secret inside another is covered.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    private readonly string[] secrets;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        this.secrets = [.. secrets
            .Where(s => !string.IsNullOrEmpty(s))
            .SelectMany(s => new[] { s, Uri.EscapeDataString(s) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)];
    }

    public static SecretRedactor None { get; } = new([]);

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    public PipelineEvent Redact(PipelineEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (secrets.Length == 0)
            return e;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in e.Fields)
            fields[Redact(key)] = Redact(value);
        return e with { Type = Redact(e.Type), Message = Redact(e.Message), Level = Redact(e.Level), Fields = fields };
    }
}
