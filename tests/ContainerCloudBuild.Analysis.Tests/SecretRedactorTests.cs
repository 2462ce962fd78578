using ContainerCloudBuild.Analysis.Events;

namespace ContainerCloudBuild.Analysis.Tests;

public class SecretRedactorTests
{
    [Fact]
    public void Redact_Event_ReplacesSecretsInEveryField()
    {
        var redactor = new SecretRedactor(["hunter2", "p@ss/word", ""]);
        var e = new PipelineEvent(DateTimeOffset.UnixEpoch, "type-hunter2", "login with hunter2 and p%40ss%2Fword", new Dictionary<string, string>
        {
            ["hunter2"] = "key is secret",
            ["url"] = "https://u:p@ss/word@host",
        }) { Level = "hunter2" };
        var redacted = redactor.Redact(e);
        var json = redacted.ToJson();
        Assert.DoesNotContain("hunter2", json, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss/word", json, StringComparison.Ordinal);
        Assert.DoesNotContain("p%40ss%2Fword", json, StringComparison.Ordinal);
        Assert.Equal("login with *** and ***", redacted.Message);
        Assert.Equal("https://u:***@host", redacted.Fields["url"]);
        Assert.True(redacted.Fields.ContainsKey("***"));
    }

    [Fact]
    public void Redact_SecretInsideLongerSecret_LeavesNoPart()
    {
        var redactor = new SecretRedactor(["abc", "xxabcxx"]);
        Assert.Equal("*** and ***", redactor.Redact("xxabcxx and abc"));
    }

    [Fact]
    public void Redact_NoSecrets_LeavesTextAlone() => Assert.Equal("plain", SecretRedactor.None.Redact("plain"));
}
