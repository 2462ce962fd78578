using ContainerCloudBuild.Images;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCloudBuild.Packaging.Tests.Support;

/// <summary>
/// The ASP.NET Core runtime image the Demo's sample runs on, made the same way (runtime-deps from Debian packages, then this
/// machine's .NET runtime as a layer on it): nothing is pulled. Both images are reused when the engine has them already.
/// </summary>
internal static class RuntimeBaseImage
{
    /// <summary>Returns the runtime image's reference (<c>127.0.0.1:5000/base/aspnet:&lt;runtime version&gt;</c>), building what is missing.</summary>
    public static async Task<string> EnsureAsync(string workDirectory, CancellationToken cancellationToken)
    {
        using var docker = DockerEngine.CreateClient();
        var installation = DotNetInstallation.Current();
        var runtimeImage = DotNetRuntimeImageBuilder.ImageFor("127.0.0.1:5000", installation);
        await new BaseImageBuilder(docker, NullLogger.Instance).BuildAsync(BaseImageBuilder.DefaultImage, workDirectory, rebuild: false, cancellationToken);
        var builder = new DockerImageBuilder(docker, NullLogger<DockerImageBuilder>.Instance);
        await new DotNetRuntimeImageBuilder(docker, builder, NullLogger.Instance)
            .BuildAsync(runtimeImage, BaseImageBuilder.DefaultImage, installation, workDirectory, rebuild: false, cancellationToken);
        return runtimeImage;
    }
}
