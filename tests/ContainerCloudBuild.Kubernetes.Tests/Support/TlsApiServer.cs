using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Kubernetes.Tests.Support;

/// <summary>What the TLS API server saw of one request: path, Authorization header and the client certificate's subject.</summary>
internal sealed record TlsRequest(string Path, string? Authorization, string? ClientSubject);

/// <summary>
/// An HTTPS server on 127.0.0.1 (Kestrel) with the given certificate that asks for (but does not require) a client
/// certificate, records every request and answers each with a ConfigMap named after the last path segment.
/// </summary>
internal sealed class TlsApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TlsApiServer(WebApplication app, Uri address, ConcurrentQueue<TlsRequest> received)
    {
        _app = app;
        BaseAddress = address;
        Received = received;
    }

    public Uri BaseAddress { get; }
    public ConcurrentQueue<TlsRequest> Received { get; }

    public static async Task<TlsApiServer> StartAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var port = ContainerCloudBuild.Testing.FreePort.Next();
        var received = new ConcurrentQueue<TlsRequest>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
            ClientCertificateValidation = (_, _, _) => true,
        })));
        var app = builder.Build();
        app.Run(async context =>
        {
            var client = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
            received.Enqueue(new TlsRequest(context.Request.Path, context.Request.Headers.Authorization.FirstOrDefault(), client?.Subject));
            var name = context.Request.Path.Value!.Split('/')[^1];
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","namespace":"team"}}""", context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        return new TlsApiServer(app, new Uri($"https://127.0.0.1:{port}/"), received);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
