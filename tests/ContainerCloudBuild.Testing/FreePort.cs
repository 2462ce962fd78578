using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ContainerCloudBuild.Testing;

/// <summary>
/// Asks the OS for a free TCP port on 127.0.0.1, never the same one twice in this test process: the OS may hand out a
/// port again as soon as the probing listener closes (CI saw the HAProxy metrics port and the Prometheus port of one
/// stack come back equal), and nothing listens on it until the server the test starts binds it.
/// </summary>
public static class FreePort
{
    // Deliberately process-wide, like the port space it mirrors: one test's pick must be unavailable to every other test.
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = AskTheOs();
            if (HandedOut.TryAdd(port, 0))
                return port;
        }

        throw new InvalidOperationException("The OS kept offering ports this test process had already handed out (100 attempts).");
    }

    private static int AskTheOs()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
