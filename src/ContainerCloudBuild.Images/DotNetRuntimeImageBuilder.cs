using Docker.DotNet;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Images;

/// <summary>
/// Builds the ASP.NET Core runtime image a framework-dependent app runs on when none can be pulled: the runtime-deps base
/// plus the local installation's <c>dotnet</c> host, <c>host/fxr</c> and shared frameworks in one layer of their own.
/// Built once per runtime version; an app image on top of it changes only its small app layer, so a push after a code
/// change sends kilobytes, not the runtime again.
/// </summary>
public sealed partial class DotNetRuntimeImageBuilder(IDockerClient docker, DockerImageBuilder builder, ILogger logger)
{
    public const string DotNetRoot = "/usr/share/dotnet";

    /// <summary>The image reference for <paramref name="installation"/>'s runtime in <paramref name="registry"/> (host[:port]).</summary>
    public static string ImageFor(string registry, DotNetInstallation installation)
    {
        ArgumentNullException.ThrowIfNull(installation);
        return $"{registry}/base/aspnet:{installation.Version}";
    }

    /// <summary>The Dockerfile of the runtime image: the runtime in /usr/share/dotnet, on PATH, as the official aspnet images have it.</summary>
    public static string Dockerfile(string baseImage) =>
        $"""
        FROM {baseImage}
        COPY dotnet/ {DotNetRoot}/
        ENV DOTNET_ROOT={DotNetRoot} PATH={DotNetRoot}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin DOTNET_RUNNING_IN_CONTAINER=true
        """;

    /// <summary>Returns the image id; an existing <paramref name="image"/> is reused unless <paramref name="rebuild"/>.</summary>
    public async Task<string> BuildAsync(string image, string baseImage, DotNetInstallation installation, string workDirectory, bool rebuild,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ArgumentNullException.ThrowIfNull(installation);
        if (!rebuild && await LocalImage.TryInspectAsync(docker, image, cancellationToken).ConfigureAwait(false) is { } existing)
            return existing;
        installation.Validate();
        var context = Path.Combine(workDirectory, "runtime-context");
        if (Directory.Exists(context))
            Directory.Delete(context, recursive: true);
        var target = Directory.CreateDirectory(Path.Combine(context, "dotnet")).FullName;
        LogCopying(logger, installation.Root, installation.Version, image);
        File.Copy(installation.HostExecutable, Path.Combine(target, Path.GetFileName(installation.HostExecutable)));
        foreach (var folder in installation.RuntimeFolders)
            CopyTree(Path.Combine(installation.Root, folder), Path.Combine(target, folder));
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), Dockerfile(baseImage), cancellationToken).ConfigureAwait(false);
        var result = await builder.BuildAsync(new ImageBuildRequest
        {
            ContextDirectory = context,
            Tags = [image],
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "aspnet", ["org.opencontainers.image.version"] = installation.Version },
        }, cancellationToken).ConfigureAwait(false);
        Directory.Delete(context, recursive: true);
        return result.ImageId;
    }

    private static void CopyTree(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(source))
            CopyTree(directory, Path.Combine(destination, Path.GetFileName(directory)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Building runtime image {Image} from the .NET {Version} installation at {Root}")]
    private static partial void LogCopying(ILogger logger, string root, string version, string image);
}
