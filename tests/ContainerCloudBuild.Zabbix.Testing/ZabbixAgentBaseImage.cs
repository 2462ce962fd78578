using ContainerCloudBuild.Images;
using ContainerCloudBuild.Testing;
using Docker.DotNet;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ContainerCloudBuild.Zabbix.Testing;

/// <summary>The Zabbix agent base image (<see cref="ZabbixAgentImage"/>), built once for a test class from this machine's Debian packages and removed after it.</summary>
public sealed class ZabbixAgentBaseImage : IAsyncLifetime
{
    private readonly TempDirectory _work = new("ccb-zabbix-image");
    private IDockerClient? _docker;

    public string Image { get; } = $"ccbtest-zabbix-agent-{Guid.NewGuid():N}"[..33] + ":1";

    /// <summary>The Docker client; skips (locally) or fails (CI) when the engine is not running.</summary>
    public IDockerClient Require()
    {
        RequiredService.Require(_docker is not null, "Docker engine on unix:///var/run/docker.sock", "Start dockerd (it runs machine-wide in CI).");
        return _docker!;
    }

    public async ValueTask InitializeAsync()
    {
        var client = DockerEngine.CreateClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.System.PingAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or DockerApiException or System.Net.Sockets.SocketException)
        {
            client.Dispose();
            return;
        }
        _docker = client;
        var ct = TestContext.Current.CancellationToken;
        await new BaseImageBuilder(client, NullLogger.Instance).BuildAsync(Image, await ZabbixAgentImage.RecipeAsync(_work.Path, ct), _work.Path, rebuild: true, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_docker is not null)
        {
            try
            {
                await _docker.Images.DeleteImageAsync(Image, new Docker.DotNet.Models.ImageDeleteParameters { Force = true }, CancellationToken.None);
            }
            catch (DockerImageNotFoundException)
            {
            }
            _docker.Dispose();
        }
        _work.Dispose();
    }
}
