namespace ContainerCloudBuild.Engine.Output;

/// <summary>Where finished lines go (console, a test buffer). Implementations must be thread-safe.</summary>
public interface IBuildOutput
{
    void WriteLine(string line);
}

/// <summary>Collects lines in memory; used by tests and for buffered output.</summary>
public sealed class MemoryBuildOutput : IBuildOutput
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) return [.. _lines]; }
    }

    public string Text => string.Join('\n', Lines);

    public void WriteLine(string line)
    {
        lock (_gate) _lines.Add(line);
    }
}

/// <summary>Writes lines to a <see cref="TextWriter"/> under a lock, so lines never interleave.</summary>
public sealed class TextWriterBuildOutput(TextWriter writer) : IBuildOutput
{
    private readonly Lock _gate = new();

    public void WriteLine(string line)
    {
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
