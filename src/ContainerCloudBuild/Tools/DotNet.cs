namespace ContainerCloudBuild.Tools;

/// <summary>Commands for the .NET CLI, ready to run or to adjust with <c>With*</c>.</summary>
public static class DotNet
{
    public static ToolCommand Command(params string[] arguments) =>
        new ToolCommand("dotnet").WithArguments(arguments)
            .WithEnvironment("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
            .WithEnvironment("DOTNET_NOLOGO", "1");

    public static ToolCommand Restore(string project) => Command("restore", project);

    public static ToolCommand Build(string project, string configuration) =>
        Command("build", project, "--configuration", configuration, "--no-restore", "-nologo");

    public static ToolCommand Test(string project, string configuration) =>
        Command("test", project, "--configuration", configuration, "--no-build");

    public static ToolCommand Pack(string project, string configuration, string outputDirectory, string version) =>
        Command("pack", project, "--configuration", configuration, "--no-build", "--output", outputDirectory, $"-p:Version={version}");
}
