namespace ContainerCloudBuild.Images;

/// <summary>A push failed. The message names the image and registry, never a password.</summary>
public class ImagePushException : Exception
{
    public ImagePushException() { }
    public ImagePushException(string message) : base(message) { }
    public ImagePushException(string message, Exception innerException) : base(message, innerException) { }

    public ImagePushException(string message, string registry, int attempts, Exception? innerException = null)
        : base(message, innerException)
    {
        Registry = registry;
        Attempts = attempts;
    }

    /// <summary>The registry host[:port] the push went to.</summary>
    public string? Registry { get; }

    /// <summary>How many push attempts were made.</summary>
    public int Attempts { get; }
}

/// <summary>The registry refused the push's credentials (or their absence), as the Docker engine reported it. Not retried.</summary>
public sealed class ImagePushAuthenticationException : ImagePushException
{
    public ImagePushAuthenticationException() { }
    public ImagePushAuthenticationException(string message) : base(message) { }
    public ImagePushAuthenticationException(string message, Exception innerException) : base(message, innerException) { }

    public ImagePushAuthenticationException(string message, string registry, string? username)
        : base(message, registry, 1) => Username = username;

    /// <summary>The user that was refused, or null when no credentials were given.</summary>
    public string? Username { get; }
}
