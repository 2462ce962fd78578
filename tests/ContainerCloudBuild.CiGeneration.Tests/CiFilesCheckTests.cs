using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.CiGeneration.Tests;

public sealed class CiFilesCheckTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_AfterWrite_FindsNothingStale()
    {
        using var root = new TempDirectory();
        var files = CiFiles.Generate(new ServiceBuild());

        Assert.Equal(files.Select(f => f.RelativePath), await CiFiles.WriteAsync(files, root.Path, _ct));
        Assert.Empty(await CiFiles.WriteAsync(files, root.Path, _ct));
        Assert.Empty(await CiFiles.CheckAsync(files, root.Path, _ct));
    }

    [Fact]
    public async Task Check_EditedFile_NamesFileAndFirstDifferingLine()
    {
        using var root = new TempDirectory();
        var files = CiFiles.Generate(new ServiceBuild());
        await CiFiles.WriteAsync(files, root.Path, _ct);
        var path = root.Combine(".gitlab-ci.yml");
        await System.IO.File.WriteAllTextAsync(path, (await System.IO.File.ReadAllTextAsync(path, _ct)).Replace("resource_group: deploy-production", "resource_group: prod", StringComparison.Ordinal), _ct);

        var stale = Assert.Single(await CiFiles.CheckAsync(files, root.Path, _ct));

        var line = Array.IndexOf(files[0].Content.Split('\n'), "  resource_group: deploy-production") + 1;
        Assert.Equal(new StaleCiFile(".gitlab-ci.yml", line, "  resource_group: prod", "  resource_group: deploy-production"), stale);
        Assert.StartsWith($".gitlab-ci.yml is stale at line {line}: committed '  resource_group: prod'", stale.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingFile_SaysToGenerateIt()
    {
        using var root = new TempDirectory();
        var files = CiFiles.Generate(new ServiceBuild());
        await CiFiles.WriteAsync(files.Take(2).ToList(), root.Path, _ct);

        var stale = Assert.Single(await CiFiles.CheckAsync(files, root.Path, _ct));

        Assert.Equal(".github/workflows/build.yml is missing: run ./build.sh GenerateCi and commit it.", stale.ToString());
    }
}
