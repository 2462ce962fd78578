using ContainerCloudBuild.Engine.Output;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ContainerCloudBuild.Output;

/// <summary>
/// An interactive terminal's output: finished lines go to <paramref name="inner"/> and one live status line (e.g. a rollout's
/// wait) stays below them, drawn with Spectre.Console: cleared before each finished line and redrawn after it, under one lock
/// (<paramref name="gate"/>: the process console's, <see cref="ProcessConsoleOutput.Gate"/>, when drawing on it).
/// </summary>
public sealed class TerminalStatusOutput(IBuildOutput inner, IAnsiConsole terminal, Func<object>? gate = null) : IStatusLineOutput
{
    private static readonly Style StatusStyle = new(Color.Grey);
    private readonly object _ownGate = new();
    private string? _status;

    private object Gate => gate?.Invoke() ?? _ownGate;

    /// <summary>
    /// The process's output: with a live status line when standard output is a terminal that understands ANSI control codes,
    /// plain lines when it is redirected to a file or a pipe (or the terminal is dumb).
    /// </summary>
    public static IBuildOutput ForProcess(TextWriter stdout, TextWriter stderr)
    {
        var lines = new TextWriterBuildOutput(stdout, stderr);
        if (Console.IsOutputRedirected)
            return new ProcessConsoleOutput(lines);
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        return terminal.Profile.Capabilities.Ansi
            ? new TerminalStatusOutput(lines, terminal, () => ProcessConsoleOutput.Gate)
            : new ProcessConsoleOutput(lines);
    }

    public void WriteLine(string line) => Above(() => inner.WriteLine(line));

    public void WriteErrorLine(string line) => Above(() => inner.WriteErrorLine(line));

    public void SetStatus(string? text)
    {
        lock (Gate)
        {
            Clear();
            _status = text;
            Draw();
        }
    }

    private void Above(Action write)
    {
        lock (Gate)
        {
            Clear();
            write();
            Draw();
        }
    }

    private void Clear()
    {
        if (_status is not null)
            terminal.Write(new ControlCode("\r\u001b[2K"));
    }

    /// <summary>One line, cut to the terminal's width (a wrapped status line could not be cleared with one erase).</summary>
    private void Draw()
    {
        if (_status is not { } status)
            return;
        var width = Math.Max(10, terminal.Profile.Width - 1);
        terminal.Write(new Text(status.Length > width ? status[..(width - 1)] + "…" : status, StatusStyle));
    }
}
