namespace ContainerCloudBuild.Tools;

/// <summary>A tool exited with a non-zero code. The message carries its last output lines (the engine masks secrets).</summary>
public sealed class ToolFailedException : Exception
{
    public ToolFailedException(string tool, int exitCode, string summary, IReadOnlyList<string> lastLines)
        : base(lastLines.Count == 0 ? summary : $"{summary}. Last output:\n  {string.Join("\n  ", lastLines.TakeLast(10))}")
    {
        Tool = tool;
        ExitCode = exitCode;
        LastLines = lastLines;
    }

    public ToolFailedException() : this("", -1, "tool failed", []) { }
    public ToolFailedException(string message) : this("", -1, message, []) { }
    public ToolFailedException(string message, Exception inner) : base(message, inner) { Tool = ""; LastLines = []; }

    public string Tool { get; } = "";
    public int ExitCode { get; }
    public IReadOnlyList<string> LastLines { get; } = [];
}
