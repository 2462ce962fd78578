namespace ContainerCloudBuild.Engine.Output;

/// <summary>Where finished lines go (console, a test buffer). Implementations must be thread-safe.</summary>
public interface IBuildOutput
{
    void WriteLine(string line);

    /// <summary>Errors, warnings and tools' stderr; sinks without an error stream keep them in order with the rest.</summary>
    void WriteErrorLine(string line) => WriteLine(line);
}

/// <summary>
/// An output that can show one live status line below the finished lines (an interactive terminal): each finished line
/// is written above it, and the line is redrawn after it.
/// </summary>
public interface IStatusLineOutput : IBuildOutput
{
    /// <summary>Shows <paramref name="text"/> as the status line, or clears it when null.</summary>
    void SetStatus(string? text);
}

/// <summary>Collects lines in memory (all of them in order, and the error lines apart); used by tests and for buffered output.</summary>
public sealed class MemoryBuildOutput : IBuildOutput
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<string> _errorLines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) return [.. _lines]; }
    }

    public string Text => string.Join('\n', Lines);

    /// <summary>The lines written to the error stream.</summary>
    public IReadOnlyList<string> ErrorLines
    {
        get { lock (_gate) return [.. _errorLines]; }
    }

    public void WriteLine(string line)
    {
        lock (_gate) _lines.Add(line);
    }

    public void WriteErrorLine(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            _errorLines.Add(line);
        }
    }
}

/// <summary>
/// Writes lines to a <see cref="TextWriter"/> (errors to <paramref name="errorWriter"/> when given)
/// under one lock, so lines never interleave.
/// </summary>
public sealed class TextWriterBuildOutput(TextWriter writer, TextWriter? errorWriter = null) : IBuildOutput
{
    private readonly Lock _gate = new();

    public void WriteLine(string line) => Write(writer, line);

    public void WriteErrorLine(string line) => Write(errorWriter ?? writer, line);

    private void Write(TextWriter target, string line)
    {
        lock (_gate)
        {
            target.WriteLine(line);
            target.Flush();
        }
    }
}
