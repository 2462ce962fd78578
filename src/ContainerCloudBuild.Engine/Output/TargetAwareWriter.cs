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

    private void Append(string text)
    {
        var scope = console.CurrentScope;
        if (scope is null)
        {
            lock (_unscopedGate) Flush(_unscoped, text);
        }
        else
        {
            lock (scope) Flush(toErrorStream ? scope.ErrorPartial : scope.Partial, text);
        }
    }

    private void Flush(StringBuilder partial, string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            partial.Append(text, start, i - start);
            console.WriteTargetLine(partial.ToString(), toErrorStream);
            partial.Clear();
            start = i + 1;
        }

        partial.Append(text, start, text.Length - start);
    }
}
