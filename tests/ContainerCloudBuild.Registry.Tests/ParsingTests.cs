namespace ContainerCloudBuild.Registry.Tests;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("</v2/team/app/tags/list?last=b&n=2>; rel=\"next\"", "v2/team/app/tags/list?last=b&n=2")]
    [InlineData("<http://127.0.0.1:5000/v2/a/tags/list?n=2&last=x>; rel=next", "v2/a/tags/list?n=2&last=x")]
    [InlineData("</v2/a/tags/list?last=q>; rel=\"prev\"", null)]
    public void NextLink_LinkHeader_ReturnsNextTarget(string header, string? expected) =>
        Assert.Equal(expected, RegistryClient.NextLink([header]));

    [Fact]
    public void ParseErrors_RegistryErrorBody_ReadsCodeAndMessage()
    {
        var errors = RegistryException.ParseErrors(
            "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{\"Tag\":\"x\"}},{\"code\":\"DENIED\",\"message\":\"no\"}]}");

        Assert.Equal([new RegistryError("MANIFEST_UNKNOWN", "manifest unknown"), new RegistryError("DENIED", "no")], errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>502</html>")]
    [InlineData("{\"message\":\"x\"}")]
    public void ParseErrors_OtherBodies_ReturnsEmpty(string body) => Assert.Empty(RegistryException.ParseErrors(body));

    [Fact]
    public void ManifestDocument_Index_ListsChildManifests()
    {
        var document = ManifestDocument.Parse(System.Text.Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:aa\",\"size\":10}]}"));

        Assert.True(document.IsIndex);
        Assert.Equal("sha256:aa", Assert.Single(document.Manifests).Digest);
    }

    [Fact]
    public void ManifestDocument_Image_ListsConfigThenLayersAndMarksForeignLayers()
    {
        var document = ManifestDocument.Parse(System.Text.Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:c\",\"size\":1},\"layers\":[{\"digest\":\"sha256:l1\",\"size\":2},{\"digest\":\"sha256:l2\",\"size\":3,\"urls\":[\"https://x\"]}]}"));

        Assert.False(document.IsIndex);
        Assert.Equal(["sha256:c", "sha256:l1", "sha256:l2"], document.Blobs.Select(b => b.Digest));
        Assert.Equal([false, false, true], document.Blobs.Select(b => b.IsForeign));
    }

    [Fact]
    public void RegistryCredentials_ToString_HidesPassword()
    {
        var credentials = new ContainerCloudBuild.Abstractions.RegistryCredentials("harbor.example", "robot$ci", "hunter2-secret");

        Assert.DoesNotContain("hunter2-secret", credentials.ToString(), StringComparison.Ordinal);
        Assert.Contains("robot$ci", credentials.ToString(), StringComparison.Ordinal);
    }
}
