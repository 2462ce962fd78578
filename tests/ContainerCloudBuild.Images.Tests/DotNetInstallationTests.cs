using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Images.Tests;

public sealed class DotNetInstallationTests
{
    [Fact]
    public void Current_RunningProcess_IsTheInstallationThisProcessRunsOnWithEveryRuntimeFolder()
    {
        var installation = DotNetInstallation.Current();

        Assert.Equal(Environment.Version.ToString(), installation.Version);
        Assert.True(File.Exists(installation.HostExecutable), installation.HostExecutable);
        Assert.Equal(3, installation.RuntimeFolders.Count);
        Assert.All(installation.RuntimeFolders, f => Assert.True(Directory.Exists(Path.Combine(installation.Root, f)), f));
        Assert.Contains(Path.Combine("shared", DotNetInstallation.AspNetCoreFramework, installation.Version), installation.RuntimeFolders);
    }

    [Fact]
    public void Validate_AspNetCoreRuntimeMissing_NamesTheMissingFolderAndVersion()
    {
        using var root = new TempDirectory();
        root.WriteFile(OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet", "host");
        Directory.CreateDirectory(root.Combine("host", "fxr", "9.9.9"));
        Directory.CreateDirectory(root.Combine("shared", DotNetInstallation.NetCoreFramework, "9.9.9"));

        var error = Assert.Throws<InvalidOperationException>(() => new DotNetInstallation(root.Path, "9.9.9").Validate());

        Assert.Contains(Path.Combine("shared", DotNetInstallation.AspNetCoreFramework, "9.9.9"), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(DotNetInstallation.NetCoreFramework, error.Message.Replace(root.Path, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("ASP.NET Core runtime 9.9.9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_RuntimeImage_AddsTheRuntimeAsOneLayerOnTheBaseAndPutsDotnetOnPath()
    {
        var dockerfile = DotNetRuntimeImageBuilder.Dockerfile("127.0.0.1:5000/base/runtime-deps:bookworm").Split('\n');

        Assert.Equal("FROM 127.0.0.1:5000/base/runtime-deps:bookworm", dockerfile[0]);
        Assert.Single(dockerfile, l => l.StartsWith("COPY ", StringComparison.Ordinal) || l.StartsWith("RUN ", StringComparison.Ordinal) || l.StartsWith("ADD ", StringComparison.Ordinal));
        Assert.Contains(dockerfile, l => l.StartsWith("ENV ", StringComparison.Ordinal) && l.Contains($"PATH={DotNetRuntimeImageBuilder.DotNetRoot}:", StringComparison.Ordinal));
    }
}
