using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;

namespace ContainerCloudBuild.Secrets.Tests;

public class SecretMaskerTests
{
    [Fact]
    public void Apply_PlainSecret_IsMasked()
    {
        var masker = new SecretMasker(["hunter2"]);
        Assert.Equal("login with *** done", masker.Apply("login with hunter2 done"));
    }

    [Fact]
    public void Apply_UrlEncodedForms_AreMasked()
    {
        const string secret = "p@ss word/+1";
        var masker = new SecretMasker([secret]);
        string[] encoded = [Uri.EscapeDataString(secret), WebUtility.UrlEncode(secret), "p%40ss+word%2f%2b1"];

        foreach (var form in encoded)
            Assert.Equal("q=***&x=1", masker.Apply($"q={form}&x=1"));
        Assert.Equal("p%40ss%20word%2F%2B1", encoded[0]);
        Assert.Equal("p%40ss+word%2F%2B1", encoded[1]);
    }

    [Fact]
    public void Apply_JsonEscapedForms_AreMasked()
    {
        const string secret = "pa\"ss\\wörd<1>";
        var masker = new SecretMasker([secret]);
        var strict = JsonSerializer.Serialize(new { password = secret });
        var relaxed = JsonSerializer.Serialize(new { password = secret }, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Contains("\\u0022", strict, StringComparison.Ordinal);
        Assert.Contains("\\\"", relaxed, StringComparison.Ordinal);
        Assert.Equal("{\"password\":\"***\"}", masker.Apply(strict));
        Assert.Equal("{\"password\":\"***\"}", masker.Apply(relaxed));
    }

    [Fact]
    public void Apply_BasicAuthorizationHeader_IsMasked()
    {
        var masker = new SecretMasker();
        masker.RegisterBasicCredentials("robot$ci", "s3cr3t-Token");
        var header = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("robot$ci:s3cr3t-Token")));

        Assert.Equal("Authorization: Basic ***", masker.Apply($"Authorization: {header}"));
        Assert.Equal("password=***", masker.Apply("password=s3cr3t-Token"));
    }

    [Fact]
    public void Apply_SecretInsideLongerSecret_MasksTheLongerWhole()
    {
        var masker = new SecretMasker(["abc", "xxabcxx"]);
        Assert.Equal("*** and ***", masker.Apply("xxabcxx and abc"));
    }

    [Fact]
    public void Apply_OverlappingSecrets_LeaveNoPartOfEither()
    {
        var masker = new SecretMasker(["12345", "34567890"]);
        Assert.Equal("x***y", masker.Apply("x1234567890y"));
    }

    [Fact]
    public void Apply_AdjacentOccurrences_AreEachMasked()
    {
        var masker = new SecretMasker(["abc"]);
        Assert.Equal("******-***", masker.Apply("abcabc-abc"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ab")]
    public void Register_EmptyBlankOrShortValue_IsIgnored(string? value)
    {
        var masker = new SecretMasker();
        masker.Register(value);
        masker.RegisterBasicCredentials("user", value);
        Assert.False(masker.HasSecrets);
        Assert.Equal("a b ab cab", masker.Apply("a b ab cab"));
    }

    [Fact]
    public void SecretRegistered_RaisedOncePerNewForm()
    {
        var masker = new SecretMasker();
        var raised = new List<string>();
        masker.SecretRegistered += raised.Add;

        masker.Register("p@ss");
        masker.Register("p@ss");

        Assert.Equal(["p@ss", "p%40ss"], raised);
    }

    [Fact]
    public void Apply_NoSecretInText_ReturnsTheSameString()
    {
        var masker = new SecretMasker(["hunter2"]);
        const string text = "nothing to hide";
        Assert.Same(text, masker.Apply(text));
    }

    [Fact]
    public void Apply_AnyTextAroundAnySecrets_NeverContainsASecret()
    {
        var chars = Gen.Char["abcxyz01 @/+\"\\é:%"];
        Gen.Select(chars.Array[3, 12].Select(a => new string(a)).Array[1, 4], chars.Array[0, 30].Select(a => new string(a)), Gen.Int[0, 3])
            .Sample((secrets, text, pick) =>
            {
                var masker = new SecretMasker(secrets);
                var secret = secrets[pick % secrets.Length];
                var line = text[..(text.Length / 2)] + secret + text[(text.Length / 2)..];
                var masked = masker.Apply(line);
                return secrets.All(s => !masked.Contains(s, StringComparison.Ordinal));
            });
    }
}
