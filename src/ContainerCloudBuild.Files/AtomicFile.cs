using System.Text;

namespace ContainerCloudBuild.Files;

/// <summary>
/// Writes a whole file or nothing: the content goes to a temporary file beside it, which then replaces the file in one rename,
/// so a reader (a daemon started or reloaded at any moment, a process loading the state after a crash) sees the old file or
/// the new one, never half of one. The temporary name is unique to the write, so two runs writing the same file at once
/// (e.g. a Deploy and the Abort a second shell sends in the same checkout) never move each other's half-written file.
/// The temporary file is removed only when the write or the rename failed; the target's directory is created when missing.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="contents"/> (UTF-8 without a byte order mark unless <paramref name="encoding"/> says otherwise).</summary>
    public static void WriteAllText(string path, string contents, Encoding? encoding = null) =>
        Complete(ReplaceAsync(path, (temp, _) =>
        {
            File.WriteAllText(temp, contents, encoding ?? Utf8);
            return Task.CompletedTask;
        }, CancellationToken.None));

    /// <summary>Writes <paramref name="contents"/> as UTF-8 without a byte order mark, through <see cref="WriteAsync"/>.</summary>
    public static Task WriteAllTextAsync(string path, string contents, CancellationToken cancellationToken)
    {
        var bytes = Utf8.GetBytes(contents);
        return WriteAsync(path, async (stream, token) => await stream.WriteAsync(bytes, token).ConfigureAwait(false), cancellationToken);
    }

    /// <summary>
    /// Lets <paramref name="write"/> fill a new file (exclusive, written through to the disk), then renames it over <paramref name="path"/>.
    /// </summary>
    public static Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return ReplaceAsync(path, async (temp, token) =>
        {
            await using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
            await write(stream, token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>
    /// Copies <paramref name="source"/> over <paramref name="destination"/>: the destination is the whole source or as it was.
    /// A missing source throws <see cref="FileNotFoundException"/> (no temporary file is left behind).
    /// </summary>
    public static void Copy(string source, string destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        Complete(ReplaceAsync(destination, (temp, _) =>
        {
            File.Copy(source, temp);
            return Task.CompletedTask;
        }, CancellationToken.None));
    }

    /// <summary>The one implementation: a temporary name unique to this write beside <paramref name="path"/>, filled, then renamed over it.</summary>
    private static async Task ReplaceAsync(string path, Func<string, CancellationToken, Task> writeTemp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            await writeTemp(temp, cancellationToken).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp); // no error when the write failed before creating it
            throw;
        }
    }

    /// <summary>
    /// Ends a synchronous caller's <see cref="ReplaceAsync"/>: its delegate completed synchronously, so the task has already
    /// run to its end (nothing blocks); this rethrows its exception as it was thrown.
    /// </summary>
    private static void Complete(Task replace) => replace.GetAwaiter().GetResult();
}
