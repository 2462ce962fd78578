using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Analysis.Tests;

public class PipelineEventMaskingTests
{
    [Fact]
    public void Apply_Event_MasksSecretsInEveryField()
    {
        var masker = new SecretMasker(["hunter2", "p@ss/word"]);
        var e = new PipelineEvent(DateTimeOffset.UnixEpoch, "type-hunter2", "login with hunter2 and p%40ss%2Fword", new Dictionary<string, string>
        {
            ["hunter2"] = "key is secret",
            ["url"] = "https://u:p@ss/word@host",
        }) { Level = "hunter2" };

        var masked = masker.Apply(e);

        var json = masked.ToJson();
        Assert.DoesNotContain("hunter2", json, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss/word", json, StringComparison.Ordinal);
        Assert.DoesNotContain("p%40ss%2Fword", json, StringComparison.Ordinal);
        Assert.Equal("login with *** and ***", masked.Message);
        Assert.Equal("https://u:***@host", masked.Fields["url"]);
        Assert.Equal("type-***", masked.Type);
        Assert.Equal("***", masked.Level);
        Assert.True(masked.Fields.ContainsKey("***"));
    }

    [Fact]
    public void Apply_NoSecrets_ReturnsTheSameEvent()
    {
        var e = new PipelineEvent(DateTimeOffset.UnixEpoch, "t", "plain", new Dictionary<string, string>());
        Assert.Same(e, new SecretMasker().Apply(e));
    }
}
