namespace ContainerCloudBuild.CiGeneration;

/// <summary>A committed CI file differs from what the build generates; the message names each file and its first differing line.</summary>
public sealed class StaleCiFilesException : Exception
{
    public StaleCiFilesException(IReadOnlyList<StaleCiFile> files)
        : base(string.Join("\n", (files ?? throw new ArgumentNullException(nameof(files))).Select(f => f.ToString()))) => Files = files;

    public StaleCiFilesException() : this([]) { }

    public StaleCiFilesException(string message) : base(message) => Files = [];

    public StaleCiFilesException(string message, Exception innerException) : base(message, innerException) => Files = [];

    public IReadOnlyList<StaleCiFile> Files { get; }
}
