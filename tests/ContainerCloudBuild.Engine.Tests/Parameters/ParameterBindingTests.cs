using ContainerCloudBuild.Engine.Tests.Support;

namespace ContainerCloudBuild.Engine.Tests.Parameters;

public sealed class ParameterBindingTests : IDisposable
{
    private readonly RunnerHarness _run = new();

    private void ParametersFile(string json, string name = "parameters.json") => _run.Root.WriteFile(Path.Combine(".nuke", name), json);

    [Theory]
    [InlineData(true, true, true, "cli")]
    [InlineData(false, true, true, "env")]
    [InlineData(false, false, true, "file")]
    [InlineData(false, false, false, "latest")]
    public async Task Precedence_CommandLineThenEnvironmentThenFileThenDefault(bool cli, bool env, bool file, string expected)
    {
        if (env) _run.Environment["IMAGE_TAG"] = "env";
        if (file) ParametersFile("""{ "ImageTag": "file" }""");
        var build = new SampleBuild();
        string[] args = cli ? ["Compile", "--image-tag", "cli"] : ["Compile"];

        Assert.Equal(0, await _run.RunAsync(build, args));
        Assert.Equal(expected, build.ImageTag);
    }

    [Fact]
    public async Task Profile_OverridesTheBaseFile_ButNotTheEnvironment()
    {
        ParametersFile("""{ "ImageTag": "base", "Replicas": 2 }""");
        ParametersFile("""{ "Replicas": 5, "stage": "production" }""", "parameters.prod.json");
        _run.Environment["image-tag"] = "from-env";
        var build = new SampleBuild();

        Assert.Equal(0, await _run.RunAsync(build, "--profile", "prod"));
        Assert.Equal((5, Stage.Production, "from-env"), (build.Replicas, build.Stage, build.ImageTag));
    }

    [Fact]
    public async Task MissingProfile_IsAUsageError()
    {
        Assert.Equal(2, await _run.RunAsync(new SampleBuild(), "--profile", "nope"));
        Assert.Contains("Profile 'nope': .nuke/parameters.nope.json does not exist.", _run.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IMAGE_TAG")]
    [InlineData("image_tag")]
    [InlineData("ImageTag")]
    [InlineData("IMAGE-TAG")]
    public async Task Environment_MatchesIgnoringCaseAndSeparators(string variable)
    {
        _run.Environment[variable] = "v7";
        var build = new SampleBuild();
        await _run.RunAsync(build);
        Assert.Equal("v7", build.ImageTag);
    }

    [Fact]
    public async Task Types_BoolFlagIntEnumArrayPathAndInitProperty_AreConverted()
    {
        var build = new SampleBuild();
        _run.Environment["REGIONS"] = "eu-1,us-2";
        await _run.RunAsync(build, "--dry-run", "--replicas", "3", "--stage", "STAGING", "--output", "out/x", "--api-url", "http://127.0.0.1:1");

        Assert.True(build.DryRun);
        Assert.Equal(3, build.Replicas);
        Assert.Equal(Stage.Staging, build.Stage);
        Assert.Equal(["eu-1", "us-2"], build.Regions);
        Assert.Equal(Path.Combine(_run.Root.Path, "out", "x"), build.Output!.Path);
        Assert.Equal("http://127.0.0.1:1", build.ApiUrl);
    }

    [Fact]
    public async Task ArrayFromCommandLine_TakesAllValuesUntilTheNextOption()
    {
        var build = new SampleBuild();
        await _run.RunAsync(build, "--regions", "a", "b", "c", "--replicas", "2");
        Assert.Equal(["a", "b", "c"], build.Regions);
    }

    [Theory]
    [InlineData(new[] { "--replicas", "many" }, "Parameter 'Replicas' (--replicas) from the command line: 'many' is not a whole number (Int32).")]
    [InlineData(new[] { "--stage", "qa" }, "Parameter 'Stage' (--stage) from the command line: 'qa' is not one of dev|staging|production.")]
    [InlineData(new[] { "--dry-run", "maybe" }, "Parameter 'DryRun' (--dry-run) from the command line: 'maybe' is not a boolean (true/false).")]
    [InlineData(new[] { "--replika", "2" }, "Unknown option '--replika'. Did you mean '--replicas'? Run with --help to list parameters.")]
    public async Task BadValue_IsAUsageErrorNamingParameterValueAndType(string[] args, string expected)
    {
        var build = new SampleBuild();
        Assert.Equal(2, await _run.RunAsync(build, args));
        Assert.Contains("error: " + expected, _run.Output.Lines);
        Assert.Empty(build.Ran);
    }

    [Fact]
    public async Task BadValueFromEnvironment_NamesTheVariable()
    {
        _run.Environment["REPLICAS"] = "x";
        Assert.Equal(2, await _run.RunAsync(new SampleBuild()));
        Assert.Contains("error: Parameter 'Replicas' (--replicas) from environment variable REPLICAS: 'x' is not a whole number (Int32).", _run.Output.Lines);
    }

    [Fact]
    public async Task S7_MissingRequiredParameter_FailsBeforeAnythingRuns()
    {
        var build = new SampleBuild();
        Assert.Equal(2, await _run.RunAsync(build, "Deploy"));
        Assert.Contains("error: Target 'Deploy' requires 'HarborPassword' (pass --harbor-password or set HARBOR_PASSWORD).", _run.Output.Lines);
        Assert.Empty(build.Ran);
    }

    [Fact]
    public async Task S7_RequiredParameterOfSkippedTarget_IsNotChecked()
    {
        var build = new SampleBuild();
        Assert.Equal(0, await _run.RunAsync(build, "Compile", "Deploy", "--skip", "Deploy"));
        Assert.Equal(["Compile"], build.Ran);
    }

    public void Dispose() => _run.Dispose();
}
