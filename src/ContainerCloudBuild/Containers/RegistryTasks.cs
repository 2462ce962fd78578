using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Registry;
using ContainerCloudBuild.Reporting;

namespace ContainerCloudBuild.Containers;

/// <summary>Registry steps for build targets: resolve tags to digests, promote without pulling.</summary>
public sealed class RegistryTasks : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly RegistryClient _client;
    private readonly BuildContext _context;

    public RegistryTasks(BuildContext context, params RegistryCredentials[] credentials)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        foreach (var c in credentials) context.Secrets.RegisterBasicCredentials(c.Username, c.Password);
        _client = new RegistryClient(_http, new RegistryClientOptions { Credentials = credentials }, context.TimeProvider,
            new BuildConsoleLogger<RegistryClient>(context.Console));
    }

    public IRegistryClient Client => _client;

    public Task<ImageReference> ResolveAsync(ImageReference image, CancellationToken cancellationToken) =>
        _client.ResolveAsync(image, cancellationToken);

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> by blob mount (upload when refused); same digest.</summary>
    public async Task<ImageReference> PromoteAsync(ImageReference source, ImageReference target, CancellationToken cancellationToken)
    {
        var promoted = await _client.PromoteAsync(source, target, cancellationToken).ConfigureAwait(false);
        _context.Events.Record(ReportKinds.ImagePromoted, $"{source} -> {promoted}",
            new ReportedImage(ImageAction.Promoted, promoted.ToString(), promoted.Digest, source.ToString()));
        return promoted;
    }

    public void Dispose() => _http.Dispose();
}
