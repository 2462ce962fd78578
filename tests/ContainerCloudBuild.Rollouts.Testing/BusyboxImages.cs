using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.Testing;

/// <summary>
/// Tiny test images (FROM scratch + busybox-static httpd, &lt; 1 s to build): /version answers the
/// version; /healthz exists only for healthy versions; the server listens on 127.0.0.1:$PORT.
/// </summary>
public static class BusyboxImages
{
    public const string BusyboxPath = "/bin/busybox";

    public static bool Available => File.Exists(BusyboxPath) && IsStatic(BusyboxPath);

    public static Task BuildAsync(IDockerClient docker, string tag, string version, bool healthy, CancellationToken cancellationToken)
    {
        var files = new List<WwwFile> { new("version", version + "\n") };
        if (healthy) files.Add(new WwwFile("healthz", "ok\n"));
        return BuildHttpdAsync(docker, tag, files, verbose: true, cancellationToken);
    }

    /// <summary>A file under the image's <c>/www</c> (executable for CGI scripts under <c>cgi-bin/</c>).</summary>
    public sealed record WwwFile(string Path, string Content, bool Executable = false);

    /// <summary>Builds FROM scratch: busybox httpd on 127.0.0.1:$PORT serving <paramref name="files"/> from /www.</summary>
    public static Task BuildHttpdAsync(IDockerClient docker, string tag, IEnumerable<WwwFile> files, bool verbose, CancellationToken cancellationToken) =>
        BuildHttpdOnAsync(docker, tag, "scratch", [], files, verbose, cancellationToken);

    /// <summary>
    /// Builds FROM <paramref name="baseImage"/>: busybox httpd on 127.0.0.1:$PORT serving <paramref name="files"/>, started by
    /// <paramref name="entrypointPrefix"/> (e.g. the base image's wrapper that starts an agent and then execs it).
    /// </summary>
    public static async Task BuildHttpdOnAsync(IDockerClient docker, string tag, string baseImage, IReadOnlyList<string> entrypointPrefix,
        IEnumerable<WwwFile> files, bool verbose, CancellationToken cancellationToken)
    {
        using var context = new MemoryStream();
        await using (var tar = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
        {
            var flags = verbose ? "-f -vv" : "-f";
            var prefix = string.Concat(entrypointPrefix.Select(p => $"\"{p}\", "));
            await AddEntryAsync(tar, "Dockerfile", $$"""
                FROM {{baseImage}}
                COPY busybox /bin/busybox
                COPY www /www
                ENTRYPOINT [{{prefix}}"/bin/busybox", "sh", "-c", "echo starting version $APP_VERSION on port $PORT; exec /bin/busybox httpd {{flags}} -p 127.0.0.1:$PORT -h /www"]
                """, executable: false, cancellationToken);
            await tar.WriteEntryAsync(BusyboxPath, "busybox", cancellationToken);
            foreach (var file in files)
                await AddEntryAsync(tar, "www/" + file.Path, file.Content, file.Executable, cancellationToken);
        }
        context.Position = 0;
        var errors = new List<string>();
        await docker.Images.BuildImageFromDockerfileAsync(
            new ImageBuildParameters { Tags = [tag], Remove = true, ForceRemove = true, BuildArgs = new Dictionary<string, string>() },
            context, [], new Dictionary<string, string>(), new Collect(errors), cancellationToken);
        if (errors.Count > 0)
            throw new InvalidOperationException($"Building test image {tag} failed: {string.Join("; ", errors)}");
    }

    private static async Task AddEntryAsync(TarWriter tar, string name, string content, bool executable, CancellationToken cancellationToken)
    {
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (executable)
            mode |= UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)), Mode = mode };
        await tar.WriteEntryAsync(entry, cancellationToken);
    }

    /// <summary>A 64-bit ELF without a PT_INTERP program header needs no dynamic loader, so it runs FROM scratch.</summary>
    private static bool IsStatic(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2)
            return false;
        var phoff = (int)BitConverter.ToInt64(elf, 0x20);
        var phentsize = BitConverter.ToUInt16(elf, 0x36);
        var phnum = BitConverter.ToUInt16(elf, 0x38);
        for (var i = 0; i < phnum; i++)
        {
            if (BitConverter.ToUInt32(elf, phoff + (i * phentsize)) == 3)
                return false;
        }
        return true;
    }

    private sealed class Collect(List<string> errors) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value)
        {
            if (value.Error is { } error)
                lock (errors) errors.Add(error.Message ?? "unknown build error");
        }
    }
}
