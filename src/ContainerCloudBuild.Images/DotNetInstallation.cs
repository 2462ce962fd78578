using System.Runtime.InteropServices;

namespace ContainerCloudBuild.Images;

/// <summary>
/// A .NET installation on this machine whose shared runtimes can be copied into an image: its root (the folder holding
/// the <c>dotnet</c> host, <c>host/fxr</c> and <c>shared/</c>) and the runtime version present for both frameworks.
/// </summary>
public sealed record DotNetInstallation(string Root, string Version)
{
    public const string NetCoreFramework = "Microsoft.NETCore.App";
    public const string AspNetCoreFramework = "Microsoft.AspNetCore.App";

    /// <summary>The installation this process runs on (its runtime directory is <c>&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;</c>).</summary>
    public static DotNetInstallation Current()
    {
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar));
        var root = runtime.Parent?.Parent?.Parent
            ?? throw new InvalidOperationException($"'{runtime.FullName}' is not inside a .NET installation (<root>/shared/{NetCoreFramework}/<version>).");
        return new DotNetInstallation(root.FullName, runtime.Name).Validate();
    }

    /// <summary>The folders (relative to <see cref="Root"/>) a framework-dependent ASP.NET Core app needs, plus the host itself.</summary>
    public IReadOnlyList<string> RuntimeFolders =>
    [
        Path.Combine("host", "fxr", Version),
        Path.Combine("shared", NetCoreFramework, Version),
        Path.Combine("shared", AspNetCoreFramework, Version),
    ];

    public string HostExecutable => Path.Combine(Root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");

    /// <summary>Throws naming what is missing when the host or one of <see cref="RuntimeFolders"/> does not exist.</summary>
    public DotNetInstallation Validate()
    {
        var missing = RuntimeFolders.Where(f => !Directory.Exists(Path.Combine(Root, f))).ToList();
        if (!File.Exists(HostExecutable))
            missing.Insert(0, Path.GetFileName(HostExecutable));
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"The .NET installation at '{Root}' lacks {string.Join(", ", missing)}: install the ASP.NET Core runtime {Version} beside the .NET runtime.");
        return this;
    }
}
