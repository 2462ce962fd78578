using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.Deploy;

public sealed class PublishedImageRecordTests
{
    private static readonly string Digest = "sha256:" + new string('b', 64);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_PushedTagWithDigest_RecordsTheReferenceByDigestAndReadsItBack()
    {
        using var temp = new TempDirectory("ccb-record");
        var path = temp.Combine("artifacts", "published-image.txt");

        await PublishedImageRecord.WriteAsync(path, new ImageReference("127.0.0.1:5000", "shop/orders", "1.2.3", Digest), _ct);

        Assert.Equal($"127.0.0.1:5000/shop/orders@{Digest}\n", await File.ReadAllTextAsync(path, _ct));
        Assert.Equal(new ImageReference("127.0.0.1:5000", "shop/orders", null, Digest), await PublishedImageRecord.ReadAsync(path, _ct));
    }

    [Fact]
    public async Task Write_ImageWithoutDigest_ThrowsAndWritesNothing()
    {
        using var temp = new TempDirectory("ccb-record");
        var path = temp.Combine("published-image.txt");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PublishedImageRecord.WriteAsync(path, new ImageReference("harbor.example.com", "shop/orders", "1.2.3"), _ct));

        Assert.Contains("'harbor.example.com/shop/orders:1.2.3'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Read_MissingFile_ThrowsNamingItAndThePublishJob()
    {
        using var temp = new TempDirectory("ccb-record");
        var path = temp.Combine("published-image.txt");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => PublishedImageRecord.ReadAsync(path, _ct));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("publish job", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("harbor.example.com/shop/orders:1.2.3", "not an image by digest")]
    [InlineData("", "does not hold an image reference")]
    [InlineData("Harbor Example/orders", "does not hold an image reference")]
    public async Task Read_NoReferenceByDigest_ThrowsSayingWhatItHolds(string content, string expected)
    {
        using var temp = new TempDirectory("ccb-record");
        var path = temp.Combine("published-image.txt");
        await File.WriteAllTextAsync(path, content + "\n", _ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PublishedImageRecord.ReadAsync(path, _ct));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
