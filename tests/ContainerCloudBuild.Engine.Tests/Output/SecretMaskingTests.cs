using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Engine.Tests.Support;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Engine.Tests.Output;

public sealed class SecretMaskingTests : IDisposable
{
    private const string Password = "s3cr3t-Pa55word";
    private readonly RunnerHarness _run = new();

    [Fact]
    public async Task SecretParameter_NeverAppearsInOutput_EvenInAnExceptionMessage()
    {
        var build = new SampleBuild();
        build.DeployBody = _ =>
        {
            Console.WriteLine("not via the writer");
            throw new InvalidOperationException($"login failed for admin:{Password} at harbor");
        };
        _run.Environment["HARBOR_PASSWORD"] = Password;

        Assert.Equal(1, await _run.RunAsync(build, "Deploy", "--verbosity", "verbose"));

        Assert.Contains("login failed for admin:*** at harbor", _run.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, _run.Text, StringComparison.Ordinal);
        var record = File.ReadAllText(_run.Root.Combine(".nuke", "temp", "last-run.json"));
        Assert.DoesNotContain(Password, record, StringComparison.Ordinal);
        Assert.Contains("\"harborPassword\": \"***\"", record, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TargetWriter_MasksSecretsRegisteredAtRunTime_AcrossPartialWrites()
    {
        var output = new MemoryBuildOutput();
        var console = new BuildConsole(output, new SecretMasker());
        console.Masker.Register("tok-123456");
        console.TargetWriter.Write("token=tok-");
        console.TargetWriter.Write("123456");
        console.TargetWriter.WriteLine(" done");
        Assert.Equal(["token=*** done"], output.Lines);
    }

    [Fact]
    public async Task GitHubActions_RegistersSecretWithAddMask_AndGroupsTargets()
    {
        _run.Environment["GITHUB_ACTIONS"] = "true";
        _run.Environment["HARBOR_PASSWORD"] = Password;
        Assert.Equal(0, await _run.RunAsync(new SampleBuild(), "Deploy"));
        Assert.Contains($"::add-mask::{Password}", _run.Output.Lines);
        Assert.Contains("::group::Deploy", _run.Output.Lines);
        Assert.Contains("::endgroup::", _run.Output.Lines);
        Assert.Single(_run.Output.Lines, l => l.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GitLab_UsesCollapsibleSections()
    {
        _run.Environment["GITLAB_CI"] = "true";
        await _run.RunAsync(new SampleBuild(), "Compile");
        Assert.Contains(_run.Output.Lines, l => l.Contains("section_start:", StringComparison.Ordinal) && l.Contains(":compile[collapsed=false]", StringComparison.Ordinal));
        Assert.Contains(_run.Output.Lines, l => l.Contains("section_end:", StringComparison.Ordinal));
        Assert.Contains("on GitLab CI", _run.Text, StringComparison.Ordinal);
    }

    public void Dispose() => _run.Dispose();
}
