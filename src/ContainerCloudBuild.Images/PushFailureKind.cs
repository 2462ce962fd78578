namespace ContainerCloudBuild.Images;

/// <summary>Sorts an engine or registry error message into what a pusher should do about it.</summary>
internal static class PushFailureKind
{
    public enum Kind { Permanent, Transient, Unauthorized }

    private static readonly string[] UnauthorizedMarkers =
        ["unauthorized", "authentication required", "no basic auth credentials", "denied", "401 unauthorized", "incorrect username or password"];

    private static readonly string[] TransientMarkers =
        ["connection refused", "connection reset", "i/o timeout", "timeout", "tls handshake", "unexpected eof", ": eof", "toomanyrequests",
         "too many requests", "429", "500 internal server error", "502 bad gateway", "503 service unavailable",
         "504 gateway timeout", "service unavailable", "temporarily unavailable", "no route to host", "broken pipe"];

    public static Kind Classify(string message)
    {
        var lower = message.ToLowerInvariant();
        if (UnauthorizedMarkers.Any(m => lower.Contains(m, StringComparison.Ordinal)))
            return Kind.Unauthorized;
        return TransientMarkers.Any(m => lower.Contains(m, StringComparison.Ordinal)) ? Kind.Transient : Kind.Permanent;
    }
}
