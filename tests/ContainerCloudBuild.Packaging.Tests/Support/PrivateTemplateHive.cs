using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Packaging.Tests.Support;

/// <summary>
/// The packed template pack installed into a throw-away <c>DOTNET_CLI_HOME</c>: <c>dotnet new</c> with <see cref="Environment"/>
/// sees ccb-service and ccb-build, and the machine's own template installations stay untouched.
/// </summary>
public sealed class PrivateTemplateHive : IDisposable
{
    private readonly TempDirectory _home = new("ccb-cli-home");

    /// <summary>The environment every <c>dotnet new</c> against this hive runs with.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = _home.Path };

    /// <summary><c>dotnet new install</c> of the feed's template pack; fails unless both templates loaded.</summary>
    public async Task InstallAsync(PackedFeed feed, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var install = (await DotNetCli.RunAsync(workingDirectory, Environment, cancellationToken, "new", "install",
            Path.Combine(feed.Directory, $"ContainerCloudBuild.Templates.{feed.Version}.nupkg"))).EnsureSuccess("dotnet new install");
        // dotnet new install exits 0 when a template.json does not parse; the templates it lists are what counts.
        Assert.True(install.Output.Contains("ccb-service", StringComparison.Ordinal) && install.Output.Contains("ccb-build", StringComparison.Ordinal), install.Output);
        Assert.DoesNotContain("Failed to load template", install.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _home.Dispose();
}
