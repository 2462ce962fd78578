using System.Net.Sockets;
using System.Text;

namespace ContainerCloudBuild.Rollouts.DockerHost.Haproxy;

/// <summary>Thrown when HAProxy's runtime API rejects a command; carries the command and the answer.</summary>
public sealed class HaproxyCommandException(string command, string answer)
    : Exception($"HAProxy runtime API rejected '{command}': {answer.Trim()}")
{
    public string Command { get; } = command;
    public string Answer { get; } = answer;
}

/// <summary>
/// Talks to HAProxy's runtime API on its admin unix socket: one connection per call, commands joined
/// with ';' run in order in one round trip, and HAProxy closes the connection after answering.
/// </summary>
public sealed class HaproxyRuntimeClient(string socketPath)
{
    public string SocketPath { get; } = socketPath;

    public async Task<string> SendAsync(string commands, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commands);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException(
                $"HAProxy's runtime socket '{SocketPath}' does not answer ({ex.SocketErrorCode}); start HAProxy (LocalStack.EnsureRunningAsync) or fix the socket path.", ex);
        }
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(commands + "\n"), cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one command whose success answer is empty (or a known success text); anything else throws.</summary>
    public async Task CommandAsync(string command, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(command, cancellationToken).ConfigureAwait(false);
        var trimmed = answer.Trim();
        if (trimmed.Length > 0 && !IsSuccess(trimmed))
            throw new HaproxyCommandException(command, answer);
    }

    private static bool IsSuccess(string answer) =>
        answer.StartsWith("New server registered", StringComparison.Ordinal)
        || answer.StartsWith("Server deleted", StringComparison.Ordinal)
        || answer.Split('\n').All(l => l.Length == 0 || l.StartsWith("Health check", StringComparison.Ordinal));
}
