using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Zabbix.Sender;

namespace ContainerCloudBuild.Zabbix.Tests.Support;

/// <summary>
/// A trapper on 127.0.0.1 that answers every sender request "success" with one value failed, from request
/// <c>acceptFrom</c> on with it processed (null: never): a server whose configuration cache learns the item late.
/// </summary>
public sealed class StubTrapper : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly int? acceptFrom;
    private readonly Task serving;
    private int requests;

    public StubTrapper(int? acceptFrom)
    {
        this.acceptFrom = acceptFrom;
        listener.Start();
        serving = ServeAsync(stop.Token);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Requests => Volatile.Read(ref requests);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await serving;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(cancellationToken);
            var stream = client.GetStream();
            var header = new byte[13];
            await stream.ReadExactlyAsync(header, cancellationToken);
            await stream.ReadExactlyAsync(new byte[BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(5, 8))], cancellationToken);
            var request = Interlocked.Increment(ref requests);
            var info = request >= acceptFrom ? "processed: 1; failed: 0; total: 1" : "processed: 0; failed: 1; total: 1";
            var reply = new JsonObject { ["response"] = "success", ["info"] = $"{info}; seconds spent: 0.000010" }.ToJsonString();
            await stream.WriteAsync(ZabbixSender.Frame(reply), cancellationToken);
        }
    }
}
