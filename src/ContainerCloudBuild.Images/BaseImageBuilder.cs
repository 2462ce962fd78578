using System.Formats.Tar;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Images;

/// <summary>
/// Builds a runtime base image for self-contained .NET apps from Debian packages when no base image can be
/// pulled: <c>apt-get download</c> the packages, <c>dpkg -x</c> them into a root filesystem, add /tmp, and
/// import the tree as an image (the API behind <c>docker import</c>).
/// </summary>
public sealed partial class BaseImageBuilder(IDockerClient docker, ILogger logger)
{
    public const string DefaultImage = "127.0.0.1:5000/base/runtime-deps:bookworm";

    public static IReadOnlyList<string> DefaultPackages { get; } = ["libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libssl3", "ca-certificates", "tzdata"];

    /// <summary>Returns the image id; an existing image with that reference is reused unless <paramref name="rebuild"/>.</summary>
    public Task<string> BuildAsync(string image, string workDirectory, bool rebuild, CancellationToken cancellationToken) =>
        BuildAsync(image, BaseImageRecipe.RuntimeDeps, workDirectory, rebuild, cancellationToken);

    /// <summary>Builds <paramref name="image"/> from <paramref name="recipe"/>; an existing image is reused unless <paramref name="rebuild"/>.</summary>
    public async Task<string> BuildAsync(string image, BaseImageRecipe recipe, string workDirectory, bool rebuild, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ArgumentNullException.ThrowIfNull(recipe);
        if (!rebuild && await LocalImage.TryInspectAsync(docker, image, cancellationToken).ConfigureAwait(false) is { } existing)
            return existing;
        var debs = Path.Combine(workDirectory, "debs");
        if (Directory.Exists(debs))
            Directory.Delete(debs, recursive: true); // a recipe's packages only, not another recipe's left in the same folder
        Directory.CreateDirectory(debs);
        var rootfs = Path.Combine(workDirectory, "rootfs");
        if (Directory.Exists(rootfs))
            Directory.Delete(rootfs, recursive: true);
        Directory.CreateDirectory(rootfs);
        LogDownloading(logger, string.Join(' ', recipe.Packages));
        try
        {
            await ProcessRunner.RunAsync("apt-get", ["download", .. recipe.Packages], debs, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // A machine whose package lists were never fetched: fetch them once, then try again.
            await ProcessRunner.RunAsync("apt-get", ["update", "-qq"], debs, cancellationToken).ConfigureAwait(false);
            await ProcessRunner.RunAsync("apt-get", ["download", .. recipe.Packages], debs, cancellationToken).ConfigureAwait(false);
        }
        foreach (var deb in Directory.GetFiles(debs, "*.deb"))
            await ProcessRunner.RunAsync("dpkg", ["-x", deb, rootfs], debs, cancellationToken).ConfigureAwait(false);
        var tmp = Directory.CreateDirectory(Path.Combine(rootfs, "tmp"));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(tmp.FullName, (UnixFileMode)Convert.ToInt32("1777", 8));
        RootFileSystem.Add(rootfs, recipe);

        var tarPath = Path.Combine(workDirectory, "rootfs.tar");
        await TarFile.CreateFromDirectoryAsync(rootfs, tarPath, includeBaseDirectory: false, cancellationToken).ConfigureAwait(false);
        var colon = image.LastIndexOf(':');
        var (repository, tag) = colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
        var errors = new List<string>();
        await using (var tar = File.OpenRead(tarPath))
        {
            await docker.Images.CreateImageAsync(new ImagesCreateParameters
            {
                FromSrc = "-", Repo = repository, Tag = tag,
                Changes = recipe.Entrypoint.Count == 0 ? null : [$"ENTRYPOINT {JsonSerializer.Serialize(recipe.Entrypoint)}"],
            }, tar, null,
                new ImportErrors(errors), cancellationToken).ConfigureAwait(false);
        }
        File.Delete(tarPath);
        if (errors.Count > 0)
            throw new InvalidOperationException($"Importing base image '{image}' failed: {string.Join("; ", errors)}");
        return await LocalImage.TryInspectAsync(docker, image, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Docker reported no error importing '{image}' but the image does not exist.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Building base image from Debian packages: {Packages}")]
    private static partial void LogDownloading(ILogger logger, string packages);
}

/// <summary>Collects the errors Docker reports inside the import progress stream (the import does not throw for them).</summary>
internal sealed class ImportErrors(List<string> errors) : IProgress<JSONMessage>
{
    public void Report(JSONMessage value)
    {
        if (value.Error is { } error)
        {
            lock (errors)
                errors.Add(error.Message ?? "unknown error");
        }
    }
}
