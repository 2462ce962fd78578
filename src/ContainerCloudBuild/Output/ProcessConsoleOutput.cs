using ContainerCloudBuild.Engine.Output;

namespace ContainerCloudBuild.Output;

/// <summary>
/// The process's standard output and error as a build output. Every write first takes <see cref="Gate"/>, the monitor of
/// <c>Console.Out</c>: .NET's console streams on Unix take it on every write, and during a run <c>Console.Out</c> is the
/// build's target writer, whose synchronised wrapper holds it while a target writes. Taking it before any other lock keeps
/// one lock order on every thread (a stderr line written under another lock while a stdout line held <c>Console.Out</c> and
/// waited for that lock deadlocked a build).
/// </summary>
public sealed class ProcessConsoleOutput(IBuildOutput inner) : IBuildOutput
{
    /// <summary>The lock every writer to the process console takes first (read at each write: the build replaces <c>Console.Out</c>).</summary>
    public static object Gate => Console.Out;

    public void WriteLine(string line)
    {
        lock (Gate) inner.WriteLine(line);
    }

    public void WriteErrorLine(string line)
    {
        lock (Gate) inner.WriteErrorLine(line);
    }
}
