using System.Diagnostics;

namespace ContainerCloudBuild.Benchmarks.Promotion;

/// <summary>docker-registry on 127.0.0.1:&lt;free port&gt; with storage in a temp directory; killed and deleted on dispose.</summary>
internal sealed class LocalRegistry : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private LocalRegistry(string directory, int port, Process process)
    {
        _directory = directory;
        Host = $"127.0.0.1:{port}";
        _process = process;
    }

    public string Host { get; }

    public static async Task<LocalRegistry> StartAsync(string directory, CancellationToken cancellationToken)
    {
        var port = Tools.FreePort();
        var config = Path.Combine(directory, "registry.yml");
        await File.WriteAllTextAsync(config,
            $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {Path.Combine(directory, "data")}\nhttp:\n  addr: 127.0.0.1:{port}\n",
            cancellationToken);
        var info = new ProcessStartInfo("docker-registry", ["serve", config])
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var process = Process.Start(info) ?? throw new InvalidOperationException("docker-registry did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LocalRegistry(directory, port, process);
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://{registry.Host}/v2/"), cancellationToken);
                return registry;
            }
            catch (HttpRequestException) when (i < 100 && !process.HasExited)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch
            {
                await registry.DisposeAsync();
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
