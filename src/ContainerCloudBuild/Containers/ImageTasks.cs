using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Git;
using ContainerCloudBuild.Images;
using ContainerCloudBuild.Reporting;
using Docker.DotNet;

namespace ContainerCloudBuild.Containers;

/// <summary>
/// Image steps for build targets: build from a Dockerfile with tags and OCI labels from git, push
/// by digest. Output goes through the build console (masked, attributed to the running target).
/// </summary>
public sealed class ImageTasks(BuildContext context) : IDisposable
{
    private readonly IDockerClient _docker = DockerEngine.CreateClient();

    /// <summary>The checkout's commit, branch, tag and version (CI variables included).</summary>
    public SourceInfo Source => _source ??= ReadSource();
    private SourceInfo? _source;

    /// <summary>
    /// Builds <paramref name="contextDirectory"/> and tags the image in <paramref name="repository"/>
    /// with the git tag policy (version, short sha, branch-sha; latest on the default branch).
    /// </summary>
    public async Task<IReadOnlyList<ImageReference>> BuildAsync(
        string contextDirectory, ImageReference repository, CancellationToken cancellationToken,
        string defaultBranch = "main", IReadOnlyDictionary<string, string>? buildArgs = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var tags = ImageTagPolicy.TagsFor(Source, defaultBranch).Select(repository.WithTag).ToList();
        var title = repository.Repository.Split('/')[^1];
        await new DockerImageBuilder(_docker, new BuildConsoleLogger<DockerImageBuilder>(context.Console)).BuildAsync(new ImageBuildRequest
        {
            ContextDirectory = contextDirectory,
            Tags = tags.Select(t => t.ToString()).ToList(),
            Labels = OciLabels.For(Source, title, context.TimeProvider),
            BuildArgs = buildArgs ?? new Dictionary<string, string>(),
        }, cancellationToken).ConfigureAwait(false);
        foreach (var tag in tags)
            context.Events.Record(ReportKinds.ImageBuilt, tag.ToString(), new ReportedImage(ImageAction.Built, tag.ToString(), tag.Digest));
        return tags;
    }

    /// <summary>Pushes every tag; returns them with the digest the registry reported.</summary>
    public async Task<IReadOnlyList<ImageReference>> PushAsync(IEnumerable<ImageReference> images, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        context.Secrets.RegisterBasicCredentials(credentials?.Username, credentials?.Password);
        var pusher = new DockerImagePusher(_docker, new BuildConsoleLogger<DockerImagePusher>(context.Console), context.TimeProvider);
        var pushed = new List<ImageReference>();
        foreach (var image in images)
        {
            var result = await pusher.PushAsync(image, credentials, cancellationToken).ConfigureAwait(false);
            context.Events.Record(ReportKinds.ImagePushed, result.ToString(), new ReportedImage(ImageAction.Pushed, result.ToString(), result.Digest));
            pushed.Add(result);
        }

        return pushed;
    }

    private SourceInfo ReadSource()
    {
        var source = GitSourceReader.Read(context.RootDirectory, context.Environment);
        foreach (var note in source.Notes) context.Console.Info("git: " + note);
        return source;
    }

    public void Dispose() => _docker.Dispose();
}
