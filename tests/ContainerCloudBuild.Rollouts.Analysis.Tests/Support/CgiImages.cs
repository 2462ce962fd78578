using System.Formats.Tar;
using System.Text;
using ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;
using Docker.DotNet;
using Docker.DotNet.Models;

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
    public static async Task BuildAsync(IDockerClient docker, string tag, string version, VersionBehaviour behaviour, CancellationToken cancellationToken)
    {
        using var context = new MemoryStream();
        await using (var tar = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
        {
            await AddAsync(tar, "Dockerfile", """
                FROM scratch
                COPY busybox /bin/busybox
                COPY www /www
                ENTRYPOINT ["/bin/busybox", "sh", "-c", "echo starting version $APP_VERSION on port $PORT; exec /bin/busybox httpd -f -p 127.0.0.1:$PORT -h /www"]
                """, executable: false, cancellationToken);
            await tar.WriteEntryAsync(BusyboxImages.BusyboxPath, "busybox", cancellationToken);
            await AddAsync(tar, "www/healthz", "ok\n", executable: false, cancellationToken);
            await AddAsync(tar, "www/cgi-bin/version", Script(version, behaviour), executable: true, cancellationToken);
        }
        context.Position = 0;
        var errors = new List<string>();
        await docker.Images.BuildImageFromDockerfileAsync(
            new ImageBuildParameters { Tags = [tag], Remove = true, ForceRemove = true, BuildArgs = new Dictionary<string, string>() },
            context, [], new Dictionary<string, string>(), new Collect(errors), cancellationToken);
        if (errors.Count > 0)
            throw new InvalidOperationException($"Building test image {tag} failed: {string.Join("; ", errors)}");
    }

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

    private static async Task AddAsync(TarWriter tar, string name, string content, bool executable, CancellationToken cancellationToken)
    {
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (executable)
            mode |= UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)), Mode = mode };
        await tar.WriteEntryAsync(entry, cancellationToken);
    }

    private sealed class Collect(List<string> errors) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value)
        {
            if (value.Error is { } error)
                lock (errors) errors.Add(error.Message ?? "unknown build error");
        }
    }
}
