namespace ContainerCloudBuild.Harbor;

/// <summary>A scan did not finish within the allowed time; carries the last status Harbor reported.</summary>
public sealed class HarborScanTimeoutException : TimeoutException
{
    public HarborScanTimeoutException(string message, string artifact, string lastStatus, TimeSpan timeout)
        : base(message)
    {
        Artifact = artifact;
        LastStatus = lastStatus;
        Timeout = timeout;
    }

    public HarborScanTimeoutException() : this("Harbor scan timed out.", "", "unknown", TimeSpan.Zero) { }

    public HarborScanTimeoutException(string message) : this(message, "", "unknown", TimeSpan.Zero) { }

    public HarborScanTimeoutException(string message, Exception inner) : base(message, inner)
    {
        Artifact = "";
        LastStatus = "unknown";
    }

    public string Artifact { get; }

    public string LastStatus { get; }

    public TimeSpan Timeout { get; }
}
