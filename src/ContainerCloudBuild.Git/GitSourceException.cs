namespace ContainerCloudBuild.Git;

/// <summary>The source checkout could not be read (not a repository, no commits).</summary>
public sealed class GitSourceException : Exception
{
    public GitSourceException() { }
    public GitSourceException(string message) : base(message) { }
    public GitSourceException(string message, Exception innerException) : base(message, innerException) { }
}
