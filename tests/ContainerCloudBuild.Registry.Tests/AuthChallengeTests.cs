namespace ContainerCloudBuild.Registry.Tests;

public sealed class AuthChallengeTests
{
    [Fact]
    public void Parse_BearerWithRealmServiceScope_ReadsAllParameters()
    {
        var challenge = Assert.Single(AuthChallenge.Parse(
            "Bearer realm=\"https://harbor.example/service/token\",service=\"harbor-registry\",scope=\"repository:team/app:pull,push repository:base/img:pull\""));

        Assert.True(challenge.IsBearer);
        Assert.Equal("https://harbor.example/service/token", challenge.Realm);
        Assert.Equal("harbor-registry", challenge.Service);
        Assert.Equal("repository:team/app:pull,push repository:base/img:pull", challenge.Scope);
    }

    [Fact]
    public void Parse_BasicRealm_IsBasic()
    {
        var challenge = Assert.Single(AuthChallenge.Parse("Basic realm=\"basic-realm\""));

        Assert.True(challenge.IsBasic);
        Assert.False(challenge.IsBearer);
        Assert.Equal("basic-realm", challenge.Realm);
    }

    [Fact]
    public void Parse_SeveralChallengesUnquotedAndEscapedValues_SplitsThem()
    {
        var challenges = AuthChallenge.Parse(
            "Basic realm=basic , Bearer realm=\"http://127.0.0.1:1/token\", service=reg, error=\"insufficient_scope\", note=\"say \\\"hi\\\"\"");

        Assert.Equal(2, challenges.Count);
        Assert.Equal("basic", challenges[0].Realm);
        Assert.True(challenges[1].IsBearer);
        Assert.Equal("http://127.0.0.1:1/token", challenges[1].Realm);
        Assert.Equal("reg", challenges[1].Service);
        Assert.Equal("insufficient_scope", challenges[1].Error);
        Assert.Equal("say \"hi\"", challenges[1].Get("note"));
        Assert.Null(challenges[1].Scope);
    }

    [Fact]
    public void Parse_SchemeCaseInsensitive_RecognisesBearer()
    {
        Assert.True(Assert.Single(AuthChallenge.Parse("bearer REALM=\"x\"")).IsBearer);
        Assert.Equal("x", AuthChallenge.Parse("bearer REALM=\"x\"")[0].Realm);
    }
}
