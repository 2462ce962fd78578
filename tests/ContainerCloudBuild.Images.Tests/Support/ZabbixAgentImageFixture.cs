using ContainerCloudBuild.Testing;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCloudBuild.Images.Tests.Support;

/// <summary>The Zabbix agent base image, built by the first test of a class that needs it and removed after the class.</summary>
public sealed class ZabbixAgentImageFixture : IAsyncDisposable
{
    private readonly TempDirectory _work = new("ccb-zabbix-image");
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _built;

    public string Image { get; } = $"{DockerHost.UniqueName("ccbtest-zabbix")}:1";

    internal async Task<string> BuildOnceAsync(DockerHost docker, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_built)
            {
                await new BaseImageBuilder(docker.Client, NullLogger.Instance)
                    .BuildAsync(Image, await ZabbixAgentImage.RecipeAsync(_work.Path, cancellationToken), _work.Path, rebuild: true, cancellationToken);
                _built = true;
            }
            return Image;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_built)
        {
            using var client = DockerEngine.CreateClient();
            try
            {
                await client.Images.DeleteImageAsync(Image, new ImageDeleteParameters { Force = true }, CancellationToken.None);
            }
            catch (DockerApiException)
            {
                // already gone
            }
        }
        _gate.Dispose();
        _work.Dispose();
    }
}
