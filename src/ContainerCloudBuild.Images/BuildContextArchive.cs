using System.Formats.Tar;
using System.Security.Cryptography;
using ContainerCloudBuild.Images.DockerIgnore;

namespace ContainerCloudBuild.Images;

/// <summary>
/// Writes a build context as a tar stream, honouring <c>.dockerignore</c> as the Docker CLI does:
/// excluded files are left out; an excluded directory is still walked when a <c>!</c> pattern may
/// re-include something under it; <c>.dockerignore</c> and the Dockerfile are always sent, even if
/// a pattern excludes them. A Dockerfile outside the context is added under a generated name.
/// Entries are sorted, owned by 0:0 and keep their mode and modification time.
/// </summary>
public static class BuildContextArchive
{
    public sealed record Result(string DockerfileName, IReadOnlyList<string> Entries);

    public static async Task<Result> WriteAsync(string contextDirectory, string dockerfilePath, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var root = Path.GetFullPath(contextDirectory);
        var dockerfile = Path.GetFullPath(dockerfilePath, root);
        var relative = Path.GetRelativePath(root, dockerfile).Replace('\\', '/');
        var inside = !relative.StartsWith("../", StringComparison.Ordinal) && relative != ".." && !Path.IsPathRooted(relative);

        var patterns = DockerIgnoreFile.Read(root).ToList();
        var probe = new DockerIgnoreMatcher(patterns);
        if (probe.IsExcluded(DockerIgnoreFile.FileName))
            patterns.Add("!" + DockerIgnoreFile.FileName);
        if (inside && probe.IsExcluded(relative))
            patterns.Add("!" + relative);
        var matcher = new DockerIgnoreMatcher(patterns);

        var entries = new List<string>();
        var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await WalkAsync(writer, matcher, root, "", [], entries, cancellationToken).ConfigureAwait(false);
            var name = relative;
            if (!inside)
            {
                name = ".dockerfile." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
                await AddFileAsync(writer, dockerfile, name, cancellationToken).ConfigureAwait(false);
                entries.Add(name);
            }
            return new Result(name, entries);
        }
    }

    private static async Task WalkAsync(TarWriter writer, DockerIgnoreMatcher matcher, string directory, string relativeDirectory,
        bool[] parentResults, List<string> entries, CancellationToken cancellationToken)
    {
        var children = new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(f => f.Name, StringComparer.Ordinal);
        foreach (var child in children)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = relativeDirectory.Length == 0 ? child.Name : relativeDirectory + "/" + child.Name;
            var isDirectory = child is DirectoryInfo && child.LinkTarget is null;
            var (excluded, results) = matcher.IsExcluded(relative, parentResults);
            if (excluded)
            {
                if (isDirectory && matcher.HasExceptions && matcher.MayReincludeBelow(relative))
                    await WalkAsync(writer, matcher, child.FullName, relative, results, entries, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (child.LinkTarget is { } target)
            {
                await writer.WriteEntryAsync(Entry(TarEntryType.SymbolicLink, relative, child, target), cancellationToken).ConfigureAwait(false);
            }
            else if (isDirectory)
            {
                await writer.WriteEntryAsync(Entry(TarEntryType.Directory, relative + "/", child, null), cancellationToken).ConfigureAwait(false);
                entries.Add(relative + "/");
                await WalkAsync(writer, matcher, child.FullName, relative, results, entries, cancellationToken).ConfigureAwait(false);
                continue;
            }
            else
            {
                await AddFileAsync(writer, child.FullName, relative, cancellationToken).ConfigureAwait(false);
            }
            entries.Add(relative);
        }
    }

    private static async Task AddFileAsync(TarWriter writer, string path, string name, CancellationToken cancellationToken)
    {
        var entry = Entry(TarEntryType.RegularFile, name, new FileInfo(path), null);
        var data = File.OpenRead(path);
        await using (data.ConfigureAwait(false))
        {
            entry.DataStream = data;
            await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    private static PaxTarEntry Entry(TarEntryType type, string name, FileSystemInfo info, string? linkTarget)
    {
        var entry = new PaxTarEntry(type, name)
        {
            ModificationTime = info.LastWriteTimeUtc,
            Uid = 0,
            Gid = 0,
        };
        if (!OperatingSystem.IsWindows())
            entry.Mode = info.UnixFileMode;
        if (linkTarget is not null)
            entry.LinkName = linkTarget;
        return entry;
    }
}
