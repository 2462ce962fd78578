using Xunit;

namespace ContainerCloudBuild.Testing;

/// <summary>
/// Integration tests call this when they need a real server. Locally a missing service skips the
/// test with a message saying how to start it; in CI (CI=true) it fails the test loudly, because
/// .ci/run must have started every service the tests need.
/// </summary>
public static class RequiredService
{
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (locally) or fails (CI) unless <paramref name="available"/> is true.</summary>
    public static void Require(bool available, string service, string howToStart)
    {
        if (available)
            return;
        var message = $"{service} is not available. {howToStart}";
        if (IsCi)
            Assert.Fail("CI must provide this service: " + message);
        Assert.Skip("Skipped locally: " + message);
    }
}
