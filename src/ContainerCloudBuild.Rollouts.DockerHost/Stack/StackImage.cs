using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.DockerHost.Stack;

/// <summary>
/// The image the stack's daemons run from: the host's own binaries (the Debian packages' registry, HAProxy and
/// Prometheus) and the shared libraries <c>ldd</c> names, at their host paths, in an image imported into the engine.
/// Its tag is a hash of the binaries (path, size, modification time), so a package upgrade builds a new one.
/// </summary>
public static class StackImage
{
    public const string Repository = "ccb-stack";

    /// <summary>Returns the image reference, importing it once per engine and set of binaries.</summary>
    public static async Task<string> EnsureAsync(IDockerClient docker, IReadOnlyList<string> binaries, string workDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(binaries);
        var image = $"{Repository}:{Tag(binaries)}";
        try
        {
            await docker.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            return image;
        }
        catch (DockerImageNotFoundException)
        {
        }
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var binary in binaries)
        {
            files.Add(binary);
            foreach (var library in await SharedLibrariesAsync(binary, cancellationToken).ConfigureAwait(false))
                files.Add(library);
        }
        Directory.CreateDirectory(workDirectory);
        var tarPath = Path.Combine(workDirectory, $"stack-image-{Guid.NewGuid():N}.tar");
        try
        {
            await WriteRootFsAsync(tarPath, files, cancellationToken).ConfigureAwait(false);
            var errors = new List<string>();
            await using (var tar = File.OpenRead(tarPath))
            {
                await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromSrc = "-", Repo = Repository, Tag = image[(Repository.Length + 1)..] },
                    tar, null, new CollectErrors(errors), cancellationToken).ConfigureAwait(false);
            }
            if (errors.Count > 0)
                throw new InvalidOperationException($"Importing the stack image '{image}' failed: {string.Join("; ", errors)}");
        }
        finally
        {
            File.Delete(tarPath);
        }
        return image;
    }

    private static string Tag(IReadOnlyList<string> binaries)
    {
        var text = string.Join('\n', binaries.Select(b => new FileInfo(b)).Select(f =>
            string.Create(CultureInfo.InvariantCulture, $"{f.FullName} {f.Length} {f.LastWriteTimeUtc.Ticks}")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>The libraries <c>ldd</c> resolves for <paramref name="binary"/> (the loader included; the vDSO is not a file).</summary>
    public static async Task<IReadOnlyList<string>> SharedLibrariesAsync(string binary, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("ldd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(binary);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not run ldd.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return ParseLdd(output);
    }

    public static IReadOnlyList<string> ParseLdd(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var libraries = new List<string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            var path = (arrow >= 0 ? line[(arrow + 2)..] : line).Trim().Split(' ')[0];
            if (path.StartsWith('/'))
                libraries.Add(path);
        }
        return libraries;
    }

    /// <summary>Each file at its host path as a regular file (symbolic links followed), plus a writable /tmp.</summary>
    private static async Task WriteRootFsAsync(string tarPath, IEnumerable<string> files, CancellationToken cancellationToken)
    {
        await using var output = File.Create(tarPath);
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: false);
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "tmp/") { Mode = (UnixFileMode)Convert.ToInt32("1777", 8) }, cancellationToken).ConfigureAwait(false);
        foreach (var file in files)
        {
            await using var content = File.OpenRead(file);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, file.TrimStart('/'))
            {
                DataStream = content,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                    | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            };
            await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Synchronous IProgress collecting the errors Docker reports inside the import stream (the import does not throw for them).</summary>
internal sealed class CollectErrors(List<string> errors) : IProgress<JSONMessage>
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
