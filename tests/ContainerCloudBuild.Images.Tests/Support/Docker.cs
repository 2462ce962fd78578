using System.Diagnostics;
using ContainerCloudBuild.Testing;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Images.Tests.Support;

/// <summary>Access to the local Docker engine for integration tests, with cleanup of test images.</summary>
internal sealed class DockerHost : IAsyncDisposable
{
    private readonly List<string> _images = [];
    private readonly List<string> _intermediates = [];

    private DockerHost(IDockerClient client) => Client = client;

    public IDockerClient Client { get; }

    /// <summary>Connects to the engine, or skips (locally) / fails (CI) when it is not running.</summary>
    public static async Task<DockerHost> RequireAsync()
    {
        var available = File.Exists("/var/run/docker.sock");
        IDockerClient? client = null;
        if (available)
        {
            client = DockerEngine.CreateClient();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.System.PingAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or DockerApiException or System.Net.Sockets.SocketException)
            {
                available = false;
            }
        }
        RequiredService.Require(available, "Docker engine on unix:///var/run/docker.sock",
            "Start it with 'dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false &'.");
        return new DockerHost(client!);
    }

    /// <summary>A unique image name for this test run, removed on dispose (every tag given to Track).</summary>
    public static string UniqueName(string prefix = "ccbtest") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public string Track(string image)
    {
        lock (_images)
            _images.Add(image);
        return image;
    }

    /// <summary>
    /// Remembers the intermediate images a build logged (<c>---&gt; 0123456789ab</c>) so a failed
    /// or cancelled build leaves nothing behind; they are removed without force on dispose.
    /// </summary>
    public void TrackIntermediates(string buildLog)
    {
        lock (_images)
            _intermediates.AddRange(OwnLayers(buildLog));
    }

    /// <summary>
    /// The layers a build log shows this build created for its own steps. A layer that came from the cache ("---&gt; Using
    /// cache") may be shared with builds of other tests running at the same time, and so may a layer this build created for
    /// a step every context has (<see cref="TestContexts.SharedSteps"/>): another build may have found it in the cache a
    /// moment ago. Only the layers of this build's own steps are its to remove.
    /// </summary>
    public static IReadOnlyList<string> OwnLayers(string buildLog)
    {
        var own = new List<string>();
        var previous = "";
        var step = "";
        foreach (var line in buildLog.Split('\n').Select(l => l.Trim()))
        {
            // The engine's step line, not the builder's summary of the step before it ("Step 1/3 : FROM scratch (0.01 s)").
            var stepLine = System.Text.RegularExpressions.Regex.Match(line, @"^Step \d+/\d+ : (.*?)( \((cached|failed|[0-9.]+ s)\))?$");
            if (stepLine.Success && !stepLine.Groups[2].Success)
                step = stepLine.Groups[1].Value;
            var match = System.Text.RegularExpressions.Regex.Match(line, "^---> ([0-9a-f]{12})$");
            if (match.Success && previous != "---> Using cache" && !TestContexts.SharedSteps.Contains(step, StringComparer.Ordinal))
                own.Add(match.Groups[1].Value);
            previous = line;
        }
        return own;
    }

    /// <summary>Runs the docker CLI (for comparisons with what Docker itself does) and returns stdout.</summary>
    public static string Cli(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("docker") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DOCKER_BUILDKIT"] = "0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"docker {string.Join(' ', args)} failed: {stderr}");
        return stdout.Result;
    }

    public static bool CliAvailable() =>
        new[] { "/usr/bin/docker", "/usr/local/bin/docker" }.Any(File.Exists);

    public async ValueTask DisposeAsync()
    {
        foreach (var image in _images)
        {
            try
            {
                await Client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true, NoPrune = true }, CancellationToken.None);
            }
            catch (DockerApiException)
            {
                // already gone
            }
        }
        foreach (var id in Enumerable.Reverse(_intermediates))
        {
            try
            {
                await Client.Images.DeleteImageAsync(id, new ImageDeleteParameters { Force = false, NoPrune = true }, CancellationToken.None);
            }
            catch (DockerApiException)
            {
                // still used by another image, or already gone
            }
        }
        Client.Dispose();
    }
}
