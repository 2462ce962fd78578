using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Zabbix.Sender;

/// <summary>
/// The Zabbix sender (trapper) protocol: <c>ZBXD\x01</c>, an 8-byte little-endian length, then
/// <c>{"request":"sender data","data":[...]}</c>; values go in batches of <paramref name="batchSize"/>, one
/// connection each. A reply of "success" whose <c>info</c> counts failures throws <see cref="ZabbixSenderException"/>.
/// </summary>
public sealed class ZabbixSender(string host, int port, TimeProvider time, int batchSize = 250)
{
    private static readonly byte[] Magic = "ZBXD"u8.ToArray();
    private const int MaxReply = 1 << 20;

    public string Server => $"{host}:{port}";

    /// <summary>Sends every value; throws when the server rejected any (after sending all batches).</summary>
    /// <exception cref="ZabbixSenderException">The server counted failures.</exception>
    /// <exception cref="IOException">The server closed the connection or answered something else than the protocol.</exception>
    /// <exception cref="SocketException">Nothing listens at <see cref="Server"/>.</exception>
    public async Task<SenderResult> SendAsync(IReadOnlyList<SenderValue> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        int processed = 0, failed = 0, batches = 0;
        var rejected = new List<SenderValue>();
        foreach (var batch in values.Chunk(Math.Max(1, batchSize)))
        {
            var reply = await SendBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            batches++;
            processed += reply.Processed;
            failed += reply.Failed;
            if (!reply.Succeeded)
                rejected.AddRange(batch);
        }
        if (failed > 0 || rejected.Count > 0)
            throw new ZabbixSenderException(Server, Math.Max(failed, 1), values.Count, rejected);
        return new SenderResult(processed, failed, batches);
    }

    /// <summary>Sends one request and returns the server's reply as is (no exception for failures).</summary>
    public async Task<SenderReply> SendBatchAsync(IReadOnlyList<SenderValue> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        await stream.WriteAsync(Frame(Request(batch)), cancellationToken).ConfigureAwait(false);
        var body = await ReadFrameAsync(stream, cancellationToken).ConfigureAwait(false);
        var reply = JsonNode.Parse(body);
        return SenderReply.Parse(reply?["response"]?.ToString() ?? "", reply?["info"]?.ToString() ?? "");
    }

    /// <summary>
    /// Sends one value, again every <paramref name="retryDelay"/>, until the server accepts it (processed 1): a new host or
    /// item is accepted only once it reached the server's configuration cache (at its next CacheUpdateFrequency, 60 s by default).
    /// </summary>
    /// <exception cref="ZabbixSenderException">The server had not accepted the value when <paramref name="timeout"/> passed.</exception>
    /// <exception cref="IOException">The server closed the connection or answered something else than the protocol.</exception>
    /// <exception cref="SocketException">Nothing listens at <see cref="Server"/>.</exception>
    public async Task SendUntilAcceptedAsync(SenderValue value, TimeSpan timeout, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var started = time.GetTimestamp();
        while (true)
        {
            var reply = await SendBatchAsync([value], cancellationToken).ConfigureAwait(false);
            if (reply.Succeeded && reply.Processed == 1)
                return;
            if (time.GetElapsedTime(started) >= timeout)
                throw new ZabbixSenderException(Server, value, timeout, reply);
            await Task.Delay(retryDelay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The request JSON for a batch (clock and ns only for values that carry a timestamp).</summary>
    public static string Request(IReadOnlyList<SenderValue> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var data = new JsonArray();
        foreach (var v in batch)
        {
            var item = new JsonObject { ["host"] = v.Host, ["key"] = v.Key, ["value"] = v.Value };
            if (v.Clock is { } clock)
            {
                item["clock"] = clock.ToUnixTimeSeconds();
                item["ns"] = (int)(clock.UtcTicks % TimeSpan.TicksPerSecond * 100);
            }
            data.Add(item);
        }
        return new JsonObject { ["request"] = "sender data", ["data"] = data }.ToJsonString();
    }

    /// <summary><c>ZBXD</c>, flags 0x01, 4-byte little-endian length, 4 reserved bytes, payload.</summary>
    public static byte[] Frame(string json)
    {
        var payload = Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json)));
        var frame = new byte[13 + payload.Length];
        Magic.CopyTo(frame, 0);
        frame[4] = 0x01;
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(5, 8), payload.Length);
        payload.CopyTo(frame, 13);
        return frame;
    }

    private async Task<string> ReadFrameAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[13];
        await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
        if (!header.AsSpan(0, 4).SequenceEqual(Magic))
            throw new IOException($"Zabbix server {Server} answered without the ZBXD header; is it a Zabbix server or proxy trapper port?");
        var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(5, 4));
        if ((header[4] & 0x02) != 0)
            throw new IOException($"Zabbix server {Server} answered compressed data, which this client does not request.");
        if (length is < 0 or > MaxReply)
            throw new IOException($"Zabbix server {Server} announced a reply of {length} bytes.");
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(body);
    }
}
