using Microsoft.Extensions.Time.Testing;

namespace ContainerCloudBuild.Git.Tests;

public sealed class OciLabelsTests
{
    [Fact]
    public void For_SourceWithRemote_HasAllFiveLabels()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)));
        var source = new SourceInfo
        {
            Sha = "0123456789abcdef0123456789abcdef01234567",
            ShortSha = "0123456",
            BranchSource = "HEAD",
            Version = "1.4.0",
            RemoteUrl = "https://git.example.com/team/app.git",
        };

        var labels = OciLabels.For(source, "app", time);

        Assert.Equal("https://git.example.com/team/app.git", labels["org.opencontainers.image.source"]);
        Assert.Equal(source.Sha, labels["org.opencontainers.image.revision"]);
        Assert.Equal("1.4.0", labels["org.opencontainers.image.version"]);
        Assert.Equal("2026-03-04T03:06:07Z", labels["org.opencontainers.image.created"]);
        Assert.Equal("app", labels["org.opencontainers.image.title"]);
    }

    [Fact]
    public void For_SourceWithoutRemote_OmitsSourceLabel()
    {
        var source = new SourceInfo { Sha = new string('a', 40), ShortSha = "aaaaaaa", BranchSource = "none", Version = "0.0.0-alpha.0.0" };

        var labels = OciLabels.For(source, "app", new FakeTimeProvider());

        Assert.False(labels.ContainsKey(OciLabels.Source));
        Assert.Equal(4, labels.Count);
    }
}
