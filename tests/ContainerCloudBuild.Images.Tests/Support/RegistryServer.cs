using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Images.Tests.Support;

/// <summary>
/// A real <c>docker-registry</c> (Docker Distribution) process on 127.0.0.1 with temp storage,
/// optionally with htpasswd Basic auth. Stopped and deleted on dispose.
/// </summary>
internal sealed class RegistryServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/docker-registry";
    private readonly TempDirectory _state;
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RegistryServer(TempDirectory state, Process process, int port, string? user, string? password)
    {
        _state = state;
        _process = process;
        Port = port;
        User = user;
        Password = password;
    }

    public int Port { get; }
    public string? User { get; }
    public string? Password { get; }
    public string Host => $"127.0.0.1:{Port}";

    public static void Require() =>
        RequiredService.Require(File.Exists(Binary), "docker-registry", "Install it with 'apt-get install docker-registry'.");

    public static async Task<RegistryServer> StartAsync(string? user = null, string? password = null, int? port = null)
    {
        Require();
        var state = new TempDirectory("ccb-registry");
        var actualPort = port ?? FreePort.Next();
        var auth = "";
        if (user is not null && password is not null)
        {
            RequiredService.Require(File.Exists("/usr/bin/htpasswd"), "htpasswd", "Install it with 'apt-get install apache2-utils'.");
            state.WriteFile("htpasswd", Run("/usr/bin/htpasswd", "-Bbn", user, password));
            auth = $"auth:\n  htpasswd:\n    realm: ccb-test\n    path: {state.Combine("htpasswd")}\n";
        }
        var config = state.WriteFile("config.yml",
            $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {state.Combine("data")}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{actualPort}\n{auth}");
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = Process.Start(start)!;
        var server = new RegistryServer(state, process, actualPort, user, password);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>HEAD /v2/{repository}/manifests/{tag} and the Docker-Content-Digest the registry answers.</summary>
    public async Task<string?> ManifestDigestAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, $"http://{Host}/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        if (User is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.Single() : null;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}: {Output}");
            try
            {
                using var response = await http.GetAsync(new Uri($"http://{Host}/v2/"));
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"docker-registry on {Host} did not become ready in 20 s: {Output}");
    }

    private string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} failed: {process.StandardError.ReadToEnd()}");
        return output.Trim() + "\n";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _state.Dispose();
    }
}
