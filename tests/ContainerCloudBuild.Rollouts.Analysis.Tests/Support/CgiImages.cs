using ContainerCloudBuild.Rollouts.Testing;
using Docker.DotNet;

namespace ContainerCloudBuild.Rollouts.Analysis.Tests.Support;

/// <summary>How a test version behaves on <c>/cgi-bin/version</c>.</summary>
public enum VersionBehaviour
{
    /// <summary>200 with the version.</summary>
    Healthy,
    /// <summary>500 on about 30% of requests (busybox ash <c>$RANDOM</c>), 200 otherwise.</summary>
    Flaky,
    /// <summary>200 with the version, but every request writes an ERROR line to stderr (the container log).</summary>
    LogsErrors,
}

/// <summary>
/// Busybox httpd images (FROM scratch, &lt; 1 s to build) whose <c>/cgi-bin/version</c> is a shell CGI script,
/// so a version can fail a share of requests or log errors while answering 200. <c>/healthz</c> is static.
/// </summary>
public static class CgiImages
{
    public static Task BuildAsync(IDockerClient docker, string tag, string version, VersionBehaviour behaviour, CancellationToken cancellationToken) =>
        BusyboxImages.BuildHttpdAsync(docker, tag,
            [new BusyboxImages.WwwFile("healthz", "ok\n"), new BusyboxImages.WwwFile("cgi-bin/version", Script(version, behaviour), Executable: true)],
            verbose: false, cancellationToken);

    private static string Script(string version, VersionBehaviour behaviour)
    {
        const string ok = "printf 'Content-Type: text/plain\\r\\n\\r\\n%s\\n' \"$V\"\n";
        var body = behaviour switch
        {
            VersionBehaviour.Flaky => "if [ $((RANDOM % 100)) -lt 30 ]; then\n"
                + "  printf 'Status: 500 Internal Server Error\\r\\nContent-Type: text/plain\\r\\n\\r\\n%s failed\\n' \"$V\"\nelse\n  " + ok + "fi\n",
            VersionBehaviour.LogsErrors => "echo \"ERROR payment backend timed out (request $$)\" >&2\n" + ok,
            _ => ok,
        };
        return $"#!/bin/busybox sh\nV={version}\n{body}";
    }
}
