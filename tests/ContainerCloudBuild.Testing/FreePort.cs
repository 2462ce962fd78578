using System.Net;
using System.Net.Sockets;

namespace ContainerCloudBuild.Testing;

/// <summary>
/// Asks the OS for a free TCP port on 127.0.0.1 and hands it out to one test only, in every test process of the machine:
/// the OS may hand out a port again as soon as the probing listener closes (CI saw the HAProxy metrics port and the
/// Prometheus port of one stack come back equal), and nothing listens on it until the server the test starts binds it.
/// Test projects run in parallel, so a pick is also claimed across processes: an exclusive lock on a file named after the
/// port (<see cref="ClaimPath"/>), held until this process exits (the OS releases it even after a crash).
/// </summary>
public static class FreePort
{
    // Deliberately process-wide, like the port space it mirrors: one test's pick must be unavailable to every other test.
    // Claimed: the ports this process has handed out or found locked by another test process; never offered again.
    // Locks: the claim files of the ports handed out, held open (locked) until the process exits, never collected and closed.
    private static readonly HashSet<int> Claimed = [];
    private static readonly List<FileStream> Locks = [];
    private static readonly Lock Gate = new();

    private static readonly string ClaimDirectory = Path.Combine(Path.GetTempPath(), "ccb-test-ports");

    public static int Next()
    {
        Directory.CreateDirectory(ClaimDirectory);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = AskTheOs();
            lock (Gate)
            {
                if (!Claimed.Add(port))
                    continue;
                if (TryClaim(port) is { } claim)
                {
                    Locks.Add(claim);
                    return port;
                }
            }
        }

        throw new InvalidOperationException(
            $"The OS kept offering ports this or another test process had already handed out (100 attempts; claims in {ClaimDirectory}).");
    }

    /// <summary>The file whose exclusive lock says a test process holds <paramref name="port"/>.</summary>
    public static string ClaimPath(int port) => Path.Combine(ClaimDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static FileStream? TryClaim(int port)
    {
        try
        {
            // FileShare.None takes an exclusive flock on Unix: another process's attempt fails until this one exits.
            return new FileStream(ClaimPath(port), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null; // another test process holds it
        }
    }

    private static int AskTheOs()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
