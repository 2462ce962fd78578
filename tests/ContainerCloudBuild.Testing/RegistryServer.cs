using System.Diagnostics;

namespace ContainerCloudBuild.Testing;

/// <summary>
/// A real Docker Distribution registry (<c>docker-registry serve</c>) on 127.0.0.1:&lt;free port&gt;
/// with its own temp storage, optionally with htpasswd (Basic) or token auth. Killed on dispose.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/docker-registry";
    public const string HowToInstall = "Install it with `apt-get install docker-registry apache2-utils`.";

    private readonly TempDirectory _directory = new("ccb-registry");
    private readonly Process _process;

    private RegistryServer(Func<TempDirectory, string> authBlockFor, int? port)
    {
        Port = port ?? FreePort.Next();
        var authBlock = authBlockFor(_directory);
        var config = $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {_directory.Combine("data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{Port}
            {authBlock}
            """;
        var configPath = _directory.WriteFile("config.yml", config);
        _process = Process.Start(new ProcessStartInfo(Binary, ["serve", configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("docker-registry did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static bool IsInstalled => File.Exists(Binary) && File.Exists("/usr/bin/htpasswd");

    /// <summary>Skips the test locally, or fails it in CI, when the registry binaries are missing.</summary>
    public static void Require() => RequiredService.Require(IsInstalled, "docker-registry", HowToInstall);

    /// <summary>Basic-auth user (null for an anonymous or token registry).</summary>
    public string? User { get; private set; }
    public string? Password { get; private set; }

    public int Port { get; }
    public string Host => $"127.0.0.1:{Port}";
    public Uri BaseUri => new($"http://{Host}/");

    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="port">A fixed port (e.g. to start the registry late on a port a client already uses); default: a free one.</param>
    public static Task<RegistryServer> StartAnonymousAsync(CancellationToken cancellationToken, int? port = null) =>
        StartAsync(_ => "", cancellationToken, port);

    public static async Task<RegistryServer> StartBasicAsync(string user, string password, CancellationToken cancellationToken, int? port = null)
    {
        var htpasswd = await RunAsync("/usr/bin/htpasswd", ["-Bbn", user, password], cancellationToken);
        var server = await StartAsync(directory =>
            $"auth:\n  htpasswd:\n    realm: basic-realm\n    path: {directory.WriteFile("htpasswd", htpasswd)}", cancellationToken, port);
        server.User = user;
        server.Password = password;
        return server;
    }

    /// <summary>HEAD /v2/{repository}/manifests/{tag}: the Docker-Content-Digest the registry answers, or null when unknown.</summary>
    public async Task<string?> ManifestDigestAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(BaseUri, $"v2/{repository}/manifests/{tag}"));
        request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        if (User is not null)
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{User}:{Password}")));
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.Single() : null;
    }

    public static Task<RegistryServer> StartTokenAsync(Uri realm, string service, string issuer, string certificatePemPath,
        CancellationToken cancellationToken) =>
        StartAsync(_ => $"auth:\n  token:\n    realm: {realm}\n    service: {service}\n    issuer: {issuer}\n    rootcertbundle: {certificatePemPath}",
            cancellationToken);

    private static async Task<RegistryServer> StartAsync(Func<TempDirectory, string> authBlock, CancellationToken cancellationToken, int? port = null)
    {
        var server = new RegistryServer(authBlock, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                if (server._process.HasExited)
                    throw new InvalidOperationException($"docker-registry exited with code {server._process.ExitCode} on start.");
                try
                {
                    using var response = await http.GetAsync(new Uri(server.BaseUri, "v2/"), cancellationToken);
                    return server;
                }
                catch (HttpRequestException) when (attempt < 200)
                {
                    await Task.Delay(100, cancellationToken);
                }
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> RunAsync(string file, string[] args, CancellationToken cancellationToken)
    {
        var result = await ToolProcess.RunAsync(ToolProcess.StartInfo(file, args), Timeout.InfiniteTimeSpan, cancellationToken);
        if (result.ExitCode != 0) throw new InvalidOperationException($"{file} exited with {result.ExitCode}: {result.Error}");
        return result.Output.Trim() + "\n";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _directory.Dispose();
    }
}
