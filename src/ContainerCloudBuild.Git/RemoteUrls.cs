using LibGit2Sharp;

namespace ContainerCloudBuild.Git;

/// <summary>The repository's public URL for the <c>org.opencontainers.image.source</c> label.</summary>
internal static class RemoteUrls
{
    public static string? Resolve(Repository repository, IReadOnlyDictionary<string, string?> environment)
    {
        var remote = repository.Network.Remotes["origin"] ?? repository.Network.Remotes.FirstOrDefault();
        if (remote?.Url is { Length: > 0 } url)
            return WithoutCredentials(url);
        if (environment.TryGetValue("GITHUB_SERVER_URL", out var server) && !string.IsNullOrEmpty(server)
            && environment.TryGetValue("GITHUB_REPOSITORY", out var name) && !string.IsNullOrEmpty(name))
            return $"{server.TrimEnd('/')}/{name}";
        if (environment.TryGetValue("CI_PROJECT_URL", out var gitlab) && !string.IsNullOrEmpty(gitlab))
            return WithoutCredentials(gitlab);
        return null;
    }

    /// <summary>Removes <c>user:token@</c> from http(s) URLs: CI clones often embed a token there.</summary>
    public static string WithoutCredentials(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.UserInfo.Length > 0)
        {
            return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString().TrimEnd('/');
        }
        return url;
    }
}
