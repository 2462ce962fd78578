using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Registry.Tests.Support;

/// <summary>
/// A Docker token service (the JSON shape of Harbor's <c>/service/token</c>) on 127.0.0.1, run in
/// process: checks Basic credentials and issues RS256 JWTs signed by a self-signed certificate whose
/// PEM the registry trusts through <c>rootcertbundle</c>.
/// </summary>
public sealed class TokenService : IAsyncDisposable
{
    public const string Service = "ccb-registry";
    public const string Issuer = "ccb-test-issuer";

    private readonly HttpListener _listener = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly IReadOnlyDictionary<string, string> _users;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public TokenService(TempDirectory directory, IReadOnlyDictionary<string, string> users)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _users = users;
        var request = new CertificateRequest("CN=ccb test token issuer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CertificatePemPath = directory.WriteFile("token-cert.pem", _certificate.ExportCertificatePem());
        var port = FreePort.Next();
        Realm = new Uri($"http://127.0.0.1:{port}/token");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Realm { get; }
    public string CertificatePemPath { get; }

    /// <summary>Every token request received: the user (or null) and the scopes asked for.</summary>
    public ConcurrentQueue<(string? User, string[] Scopes)> Requests { get; } = new();

    /// <summary>Issues a token directly (for seeding), without an HTTP round trip.</summary>
    public string Mint(string subject, IEnumerable<string> scopes, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow;
        var header = new { typ = "JWT", alg = "RS256", x5c = new[] { Convert.ToBase64String(_certificate.RawData) } };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = Service, ["sub"] = subject,
            ["iat"] = now.ToUnixTimeSeconds(), ["nbf"] = now.AddSeconds(-5).ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime).ToUnixTimeSeconds(), ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = scopes.Select(ParseScope).ToArray(),
        };
        var signingInput = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    private static object ParseScope(string scope)
    {
        var first = scope.IndexOf(':', StringComparison.Ordinal);
        var last = scope.LastIndexOf(':');
        return new { type = scope[..first], name = scope[(first + 1)..last], actions = scope[(last + 1)..].Split(',') };
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException) { return; }
            try { await HandleAsync(context); }
            finally { context.Response.Close(); }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var user = Authenticate(context.Request.Headers["Authorization"]);
        var scopes = context.Request.QueryString.GetValues("scope") ?? [];
        Requests.Enqueue((user, scopes));
        if (user is null || context.Request.QueryString["service"] != Service)
        {
            context.Response.StatusCode = 401;
            await WriteJsonAsync(context, new { errors = new[] { new { code = "UNAUTHORIZED", message = "bad credentials" } } });
            return;
        }
        var token = Mint(user, scopes, TimeSpan.FromMinutes(5));
        await WriteJsonAsync(context, new { token, access_token = token, expires_in = 300, issued_at = DateTimeOffset.UtcNow.ToString("O") });
    }

    private string? Authenticate(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal)) return null;
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return null;
        var user = decoded[..colon];
        return _users.TryGetValue(user, out var password) && password == decoded[(colon + 1)..] ? user : null;
    }

    private static async Task WriteJsonAsync(HttpListenerContext context, object value)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
        _stop.Dispose();
        _certificate.Dispose();
        _key.Dispose();
    }
}
