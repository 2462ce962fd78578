using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Deploy;

namespace ContainerCloudBuild.Tests.Deploy;

public sealed class RevisionNamesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 8, 15, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("registry.example/orders:1.2.3", "1-2-3-1202081500")]
    [InlineData("registry.example/orders:V2_rc.1", "v2-rc-1-1202081500")]
    [InlineData("registry.example/orders:_rc.1", "rc-1-1202081500")]
    [InlineData("registry.example/orders@sha256:3f2a9c1d0b7e55aa00112233445566778899aabbccddeeff0011223344556677", "3f2a9c1d0b7e-1202081500")]
    public void From_Image_NameIsADns1035LabelAfterTheAppName(string image, string expected)
    {
        var revision = RevisionNames.From(ImageReference.Parse(image), At);

        Assert.Equal(expected, revision);
        Assert.Matches("^[a-z]([-a-z0-9]*[a-z0-9])?$", "orders-" + revision);
    }
}
