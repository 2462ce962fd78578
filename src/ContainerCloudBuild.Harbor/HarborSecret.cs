namespace ContainerCloudBuild.Harbor;

/// <summary>
/// A secret (password, robot secret) that never shows itself: <see cref="ToString"/> prints a
/// mask, so it is safe inside records, log scopes and exception data. Call <see cref="Reveal"/>
/// only where the value must be handed to another system (auth header, secret store).
/// </summary>
public sealed class HarborSecret
{
    private const string Mask = "***";
    private readonly string _value;

    public HarborSecret(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>The secret value. Never log it or put it into an exception message.</summary>
    public string Reveal() => _value;

    public override string ToString() => Mask;
}
