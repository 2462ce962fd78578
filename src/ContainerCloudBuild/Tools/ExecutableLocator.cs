namespace ContainerCloudBuild.Tools;

/// <summary>Finds a program the way a shell does: a path as given, otherwise the first match on PATH.</summary>
internal static class ExecutableLocator
{
    public static string? Find(string fileName, string? path, string? workingDirectory = null)
    {
        if (fileName.Contains('/', StringComparison.Ordinal) || Path.IsPathRooted(fileName))
        {
            var full = Path.GetFullPath(fileName, workingDirectory ?? Environment.CurrentDirectory);
            return File.Exists(full) ? full : null;
        }

        var extensions = OperatingSystem.IsWindows() ? new[] { "", ".exe", ".cmd", ".bat" } : [""];
        foreach (var dir in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(dir, fileName + extension);
                if (File.Exists(candidate) && IsExecutable(candidate)) return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
