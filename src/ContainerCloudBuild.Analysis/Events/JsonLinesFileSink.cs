using System.Text;

namespace ContainerCloudBuild.Analysis.Events;

/// <summary>The default sink: appends one JSON object per line to a file.</summary>
public sealed class JsonLinesFileSink(string path) : IEventSink
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public string Name => $"file:{path}";

    public async Task WriteAsync(IReadOnlyList<PipelineEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var sb = new StringBuilder();
        foreach (var e in batch)
            sb.Append(e.ToJson()).Append('\n');
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await File.AppendAllTextAsync(path, sb.ToString(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
