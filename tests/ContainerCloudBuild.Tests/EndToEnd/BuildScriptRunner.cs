namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>Runs build.sh with bash or build.ps1 with pwsh in a repository folder (any run may compile the build first).</summary>
internal static class BuildScriptRunner
{
    public const string Bash = "build.sh";
    public const string PowerShell = "build.ps1";

    public static Task<ShellRun> RunAsync(string script, string root, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        script == PowerShell
            ? ShellRun.CompileAndRunAsync(root, environment, Pwsh.Require(), ["-NoProfile", "-NonInteractive", "-File", "./build.ps1", .. args])
            : ShellRun.CompileAndRunAsync(root, environment, "/bin/bash", ["./build.sh", .. args]);
}
