using ContainerCloudBuild.Tests.Deploy.Support;

namespace ContainerCloudBuild.Tests.Deploy;

[Collection(DeployRepositoryCollection.Name)]
public sealed class ReadmeDeployBuildTests(DeployRepositoryFixture repository)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void ReadmeBuild_IsAtMostTenLinesOfCode()
    {
        var lines = repository.BuildSource.Split('\n').Count(l => l.Trim().Length > 0);

        Assert.InRange(lines, 1, 10);
        Assert.Contains(": DeployBuild", repository.BuildSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadmeBuild_NewServiceFolder_DeploysItAndItAnswersOnItsRouterPort()
    {
        DeployRepositoryFixture.RequireStack();
        var service = repository.WriteService("orders", "  strategy: canary\n  canarySteps:\n    - setWeight: 50\n    - pauseSeconds: 1");
        var v1 = await repository.ImageAsync(service, "orders-v1", healthy: true, Ct);
        var v2 = await repository.ImageAsync(service, "orders-v2", healthy: true, Ct);

        using var first = await repository.BuildAsync("Deploy", "--service", service.Folder, "--deploy-image", v1, "--strategy", "blue-green");
        Assert.True(first.Process.ExitCode == 0, first.Output);
        using var http = new HttpClient();
        Assert.Equal("orders-v1", (await http.GetStringAsync(service.VersionUrl, Ct)).Trim());

        using var second = await repository.BuildAsync("Deploy", "--service", service.Folder, "--deploy-image", v2);
        Assert.True(second.Process.ExitCode == 0, second.Output);
        Assert.Contains("canary rollout of", second.Output, StringComparison.Ordinal);
        Assert.Equal("orders-v2", (await http.GetStringAsync(service.VersionUrl, Ct)).Trim());

        using var history = await repository.BuildAsync("History", "--service", service.Folder);
        Assert.Equal(0, history.Process.ExitCode);
        Assert.Contains("orders-v1-", history.Output, StringComparison.Ordinal); // revision names derive from the tags
        Assert.Contains("orders-v2-", history.Output, StringComparison.Ordinal);
    }
}
