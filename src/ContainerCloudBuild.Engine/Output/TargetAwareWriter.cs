using System.Text;

namespace ContainerCloudBuild.Engine.Output;

/// <summary>
/// A <see cref="TextWriter"/> that collects text per async flow and hands whole lines to the
/// <see cref="BuildConsole"/>, so parallel targets never interleave mid-line and every line is masked.
/// </summary>
internal sealed class TargetAwareWriter(BuildConsole console, bool toErrorStream) : TextWriter
{
    private readonly Lock _unscopedGate = new();
    private readonly StringBuilder _unscoped = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value)
    {
        if (value is not null) Append(value);
    }

    public override void Write(char[] buffer, int index, int count) => Append(new string(buffer, index, count));

    public override void WriteLine(string? value) => Append((value ?? "") + "\n");

    /// <summary>
    /// Completes lines under the buffer's lock and writes them after releasing it: the engine never holds a lock of its
    /// own while the output writes (the process console takes locks of its own, see the host's <c>ProcessConsoleOutput</c>).
    /// Writers of one stream are already serialised by <c>Console</c>'s synchronised wrapper, so lines keep their order.
    /// </summary>
    private void Append(string text)
    {
        var scope = console.CurrentScope;
        List<string>? lines;
        if (scope is null)
        {
            lock (_unscopedGate) lines = CompleteLines(_unscoped, text);
        }
        else
        {
            lock (scope) lines = CompleteLines(toErrorStream ? scope.ErrorPartial : scope.Partial, text);
        }

        if (lines is null) return;
        foreach (var line in lines)
            console.WriteTargetLine(line, toErrorStream);
    }

    private static List<string>? CompleteLines(StringBuilder partial, string text)
    {
        List<string>? lines = null;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            partial.Append(text, start, i - start);
            (lines ??= []).Add(partial.ToString());
            partial.Clear();
            start = i + 1;
        }

        partial.Append(text, start, text.Length - start);
        return lines;
    }
}
