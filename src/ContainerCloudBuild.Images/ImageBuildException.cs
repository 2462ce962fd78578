namespace ContainerCloudBuild.Images;

/// <summary>A build was refused before it started, or the engine reported an error while building.</summary>
public sealed class ImageBuildException : Exception
{
    public ImageBuildException() { }
    public ImageBuildException(string message) : base(message) { }
    public ImageBuildException(string message, Exception innerException) : base(message, innerException) { }

    public ImageBuildException(string message, string? failedStep, Exception? innerException = null)
        : base(message, innerException) => FailedStep = failedStep;

    /// <summary>The Dockerfile step that failed, e.g. <c>Step 3/4 : RUN make</c>, when known.</summary>
    public string? FailedStep { get; }
}
