using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Harbor;
using ContainerCloudBuild.Reporting;

namespace ContainerCloudBuild.Containers;

/// <summary>Harbor steps for build targets; the image's first path segment is the Harbor project.</summary>
public sealed class HarborTasks : IDisposable
{
    private readonly BuildContext _context;

    public HarborTasks(BuildContext context, Uri harborUrl, string username, string password)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        context.Secrets.RegisterBasicCredentials(username, password);
        Client = new HarborClient(
            new HarborClientOptions { BaseUrl = harborUrl, Username = username, Password = new HarborSecret(password) },
            new BuildConsoleLogger(context.Console, "harbor"), context.TimeProvider);
    }

    public HarborClient Client { get; }

    /// <summary>
    /// Scans the image (by digest when known) and fails when vulnerabilities at or above
    /// <paramref name="threshold"/> exist, printing the counts per severity either way.
    /// </summary>
    public async Task<ScanGateResult> ScanGateAsync(ImageReference image, Severity threshold, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (project, repository) = Split(image);
        var reference = image.Digest ?? image.Tag ?? throw new ArgumentException($"'{image}' has neither a tag nor a digest to scan.", nameof(image));
        var scan = await Client.ScanAndWaitAsync(project, repository, reference, timeout, cancellationToken).ConfigureAwait(false);
        var gate = ScanGate.Evaluate(scan, threshold);
        _context.Console.Info(gate.ToString());
        _context.Events.Record(ReportKinds.ScanGate, gate.ToString(), new ReportedScan(
            image.ToString(), gate.Passed, gate.Threshold.ToString(), gate.ScanStatus, gate.BlockingCount, gate.Total,
            gate.Counts.ToDictionary(c => c.Key.ToString(), c => c.Value)));
        return gate.Passed ? gate : throw new InvalidOperationException(gate.ToString());
    }

    /// <summary><c>team/app/api</c> → project <c>team</c>, repository <c>app/api</c>.</summary>
    public static (string Project, string Repository) Split(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var slash = image.Repository.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? throw new ArgumentException($"'{image}' has no Harbor project: expected <registry>/<project>/<repository>.", nameof(image))
            : (image.Repository[..slash], image.Repository[(slash + 1)..]);
    }

    public void Dispose() => Client.Dispose();
}
