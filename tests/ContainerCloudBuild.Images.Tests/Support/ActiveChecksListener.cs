using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ContainerCloudBuild.Images.Tests.Support;

/// <summary>
/// A TCP listener on 127.0.0.1 speaking the Zabbix agent protocol (the <c>ZBXD</c> header, plain or zlib-compressed) the
/// way a server answers an active agent: "active checks" gets <see cref="Checks"/>, "agent data" gets success. Every
/// request it receives is handed out through <see cref="Requests"/>.
/// </summary>
internal sealed class ActiveChecksListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<JsonObject> _requests = Channel.CreateUnbounded<JsonObject>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public ActiveChecksListener(IReadOnlyList<string> checks)
    {
        Checks = checks;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public IReadOnlyList<string> Checks { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ChannelReader<JsonObject> Requests => _requests.Reader;

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = JsonNode.Parse(await ReadFrameAsync(stream, _stop.Token))!.AsObject();
                await _requests.Writer.WriteAsync(request, _stop.Token);
                JsonObject reply = (string?)request["request"] == "active checks"
                    ? new JsonObject
                    {
                        ["response"] = "success",
                        ["data"] = new JsonArray([.. Checks.Select(key => (JsonNode)new JsonObject
                        {
                            ["key"] = key, ["key_orig"] = key, ["itemid"] = Checks.ToList().IndexOf(key) + 1, ["delay"] = "1s", ["lastlogsize"] = 0, ["mtime"] = 0,
                        })]),
                    }
                    : new JsonObject { ["response"] = "success", ["info"] = "processed: 1; failed: 0; total: 1; seconds spent: 0.000050" };
                await WriteFrameAsync(stream, Encoding.UTF8.GetBytes(reply.ToJsonString()), _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private static async Task<byte[]> ReadFrameAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var header = new byte[13];
        await stream.ReadExactlyAsync(header, cancellationToken);
        if (Encoding.ASCII.GetString(header, 0, 4) != "ZBXD")
            throw new IOException("Not a ZBXD frame.");
        var flags = header[4];
        var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(5, 4));
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        if ((flags & 0x02) == 0)
            return body;
        var uncompressed = new MemoryStream();
        await using (var zlib = new ZLibStream(new MemoryStream(body), CompressionMode.Decompress))
            await zlib.CopyToAsync(uncompressed, cancellationToken);
        return uncompressed.ToArray();
    }

    private static async Task WriteFrameAsync(NetworkStream stream, byte[] body, CancellationToken cancellationToken)
    {
        var header = new byte[13];
        Encoding.ASCII.GetBytes("ZBXD").CopyTo(header, 0);
        header[4] = 0x01;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(5, 4), body.Length);
        await stream.WriteAsync(header, cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
