namespace ContainerCloudBuild.Kubernetes.Tests;

public sealed class DnsLabelTests
{
    [Theory]
    [InlineData("web", true, true)]
    [InlineData("web-v2", true, true)]
    [InlineData("2web", true, false)]
    [InlineData("a", true, true)]
    [InlineData("", false, false)]
    [InlineData("Web", false, false)]
    [InlineData("web-", false, false)]
    [InlineData("-web", false, false)]
    [InlineData("web.v2", false, false)]
    [InlineData("web_v2", false, false)]
    public void IsRfc1123AndIsRfc1035_Name_FollowTheLabelRule(string name, bool rfc1123, bool rfc1035)
    {
        Assert.Equal(rfc1123, DnsLabel.IsRfc1123(name));
        Assert.Equal(rfc1035, DnsLabel.IsRfc1035(name));
    }

    [Fact]
    public void IsRfc1123_Length_AtMost63()
    {
        Assert.True(DnsLabel.IsRfc1123(new string('a', 63)));
        Assert.False(DnsLabel.IsRfc1123(new string('a', 64)));
    }

    [Theory]
    [InlineData("web.example.com", true)]
    [InlineData("web", true)]
    [InlineData("web..com", false)]
    [InlineData(".web", false)]
    [InlineData("web.", false)]
    [InlineData("web.-x", false)]
    public void IsSubdomain_Name_IsLabelsJoinedByDots(string name, bool expected) =>
        Assert.Equal(expected, DnsLabel.IsSubdomain(name));

    [Fact]
    public void IsSubdomain_Length_AtMost253() =>
        Assert.False(DnsLabel.IsSubdomain(string.Join('.', Enumerable.Repeat(new string('a', 63), 4))));

    [Fact]
    public void FromRevision_DotsAndUnderscores_BecomeDashes() =>
        Assert.Equal("v1-2-3-rc1", DnsLabel.FromRevision("v1.2.3_rc1"));
}
