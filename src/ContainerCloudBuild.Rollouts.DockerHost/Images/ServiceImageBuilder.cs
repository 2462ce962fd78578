using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.DockerHost.Images;

/// <summary>
/// Turns a self-contained <c>dotnet publish</c> output into an image on a base image, and pushes it to a
/// registry returning the digest, so rollouts deploy <c>registry/repo@sha256:...</c>.
/// </summary>
public sealed class ServiceImageBuilder(IDockerClient docker)
{
    /// <summary>The publish command whose output <see cref="BuildAsync"/> expects.</summary>
    public static IReadOnlyList<string> PublishArguments(string project, string outputDirectory) =>
        ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:InvariantGlobalization=true", "-o", outputDirectory];

    public static Task PublishAsync(string project, string outputDirectory, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync("dotnet", PublishArguments(project, outputDirectory), Path.GetDirectoryName(Path.GetFullPath(project))!, cancellationToken);

    /// <summary>Builds <c>FROM baseImage</c> + <c>COPY app/ /app/</c> + <c>ENTRYPOINT ["/app/executable"]</c>.</summary>
    public async Task BuildAsync(string baseImage, string publishDirectory, string executable, string tag, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(publishDirectory, executable)))
            throw new FileNotFoundException($"'{executable}' is not in the publish output '{publishDirectory}'; run dotnet {string.Join(' ', PublishArguments("<project>", publishDirectory))}.");
        using var context = new MemoryStream();
        await using (var tar = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
        {
            var dockerfile = $"FROM {baseImage}\nCOPY app/ /app/\nWORKDIR /app\nENTRYPOINT [\"/app/{executable}\"]\n";
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile")
            {
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(dockerfile)),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            }, cancellationToken).ConfigureAwait(false);
            foreach (var file in Directory.EnumerateFiles(publishDirectory, "*", SearchOption.AllDirectories))
            {
                var name = "app/" + Path.GetRelativePath(publishDirectory, file).Replace('\\', '/');
                await tar.WriteEntryAsync(file, name, cancellationToken).ConfigureAwait(false);
            }
        }
        context.Position = 0;
        var errors = new List<string>();
        await docker.Images.BuildImageFromDockerfileAsync(new ImageBuildParameters { Tags = [tag], Remove = true, ForceRemove = true },
            context, [], new Dictionary<string, string>(), new JsonErrors(errors), cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
            throw new InvalidOperationException($"Building image '{tag}' failed: {string.Join("; ", errors)}");
    }

    /// <summary>Pushes <paramref name="image"/> (<c>registry/repo:tag</c>) and returns its digest (<c>sha256:...</c>).</summary>
    public async Task<string> PushAsync(string image, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var colon = image.LastIndexOf(':');
        var (name, tag) = colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
        var errors = new List<string>();
        var progress = new JsonErrors(errors);
        await docker.Images.PushImageAsync(name, new ImagePushParameters { Tag = tag }, new AuthConfig(), progress, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
            throw new InvalidOperationException($"Pushing '{image}' failed: {string.Join("; ", errors)}");
        return progress.Digest ?? throw new InvalidOperationException($"Pushing '{image}' reported no digest.");
    }
}
