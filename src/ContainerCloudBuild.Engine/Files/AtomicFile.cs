using System.Text;

namespace ContainerCloudBuild.Engine.Files;

/// <summary>
/// Writes a whole file or nothing: the text goes to a temporary file beside it, which then replaces the file in one rename.
/// The temporary name is unique to the write, so two runs writing the same file at once (e.g. a Deploy and the Abort a
/// second shell sends in the same checkout) never move each other's half-written file.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string contents, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temp, contents, encoding ?? new UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
