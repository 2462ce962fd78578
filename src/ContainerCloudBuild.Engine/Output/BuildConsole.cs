using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Engine.Output;

/// <summary>
/// The single way text leaves the engine: masks secrets, prefixes target output in parallel
/// runs, applies verbosity, and lets the CI host add its group markers. Target code writes
/// through <see cref="TargetWriter"/> (the host points <c>Console.Out</c> at it).
/// </summary>
public sealed class BuildConsole
{
    private readonly IBuildOutput _sink;
    private readonly AsyncLocal<TargetScope?> _scope = new();

    public BuildConsole(IBuildOutput sink, SecretMasker masker, Verbosity verbosity = Verbosity.Normal)
    {
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        Masker = masker ?? throw new ArgumentNullException(nameof(masker));
        Verbosity = verbosity;
        TargetWriter = new TargetAwareWriter(this, toErrorStream: false);
        TargetErrorWriter = new TargetAwareWriter(this, toErrorStream: true);
    }

    public SecretMasker Masker { get; }
    public Verbosity Verbosity { get; }

    /// <summary>Line-buffered writer that attributes text to the target running in the current async flow.</summary>
    public TextWriter TargetWriter { get; }

    /// <summary>Like <see cref="TargetWriter"/>, for the error stream (the host points <c>Console.Error</c> at it).</summary>
    public TextWriter TargetErrorWriter { get; }

    /// <summary>When true, target lines are prefixed with the target name (parallel runs).</summary>
    public bool PrefixTargetLines { get; set; }

    internal TargetScope? CurrentScope => _scope.Value;

    /// <summary>The target running in the current async flow, or null outside any target.</summary>
    public string? CurrentTarget => _scope.Value?.Target;

    /// <summary>Attributes output of the current async flow to <paramref name="target"/> until disposed.</summary>
    public IDisposable BeginTarget(string target)
    {
        var previous = _scope.Value;
        var scope = new TargetScope(target);
        _scope.Value = scope;
        return new ScopeEnd(this, scope, previous);
    }

    public void Info(string line) => Write(Verbosity.Normal, line);
    public void Minimal(string line) => Write(Verbosity.Minimal, line);
    public void Debug(string line) => Write(Verbosity.Verbose, line);
    /// <summary>Errors and warnings: printed at every verbosity, on the error stream.</summary>
    public void Error(string line) => Write(Verbosity.Quiet, line, toErrorStream: true);

    /// <summary>Printed at every verbosity: help, plan, summary.</summary>
    public void Always(string line) => Write(Verbosity.Quiet, line);

    /// <summary>Writes without masking: only for CI-host commands that must carry a secret to the host's masker.</summary>
    internal void WriteUnmasked(string line) => _sink.WriteLine(line);

    public void Write(Verbosity level, string line) => Write(level, line, toErrorStream: false);

    /// <summary>True when the output shows a live status line (an interactive terminal, see <see cref="IStatusLineOutput"/>).</summary>
    public bool HasStatusLine => _sink is IStatusLineOutput;

    /// <summary>Shows (masked) or with null clears the live status line; does nothing when the output has none or the verbosity is quiet.</summary>
    public void SetStatus(string? text)
    {
        if (_sink is IStatusLineOutput status && Verbosity >= Verbosity.Normal)
            status.SetStatus(text is null ? null : Masker.Apply(text));
    }

    public void Write(Verbosity level, string line, bool toErrorStream)
    {
        if (level > Verbosity)
            return;
        foreach (var part in (line ?? "").Split('\n'))
        {
            var shown = Decorate(Masker.Apply(part.TrimEnd('\r')));
            if (toErrorStream) _sink.WriteErrorLine(shown);
            else _sink.WriteLine(shown);
        }
    }

    internal void WriteTargetLine(string line, bool toErrorStream) => Write(Verbosity.Normal, line, toErrorStream);

    private string Decorate(string line)
    {
        var scope = _scope.Value;
        return PrefixTargetLines && scope is not null ? $"[{scope.Target}] {line}" : line;
    }

    internal sealed class TargetScope(string target)
    {
        public string Target { get; } = target;
        public System.Text.StringBuilder Partial { get; } = new();
        public System.Text.StringBuilder ErrorPartial { get; } = new();
    }

    private sealed class ScopeEnd(BuildConsole console, TargetScope scope, TargetScope? previous) : IDisposable
    {
        public void Dispose()
        {
            Flush(scope.Partial, toErrorStream: false);
            Flush(scope.ErrorPartial, toErrorStream: true);

            console._scope.Value = previous;
        }

        private void Flush(System.Text.StringBuilder partial, bool toErrorStream)
        {
            string rest;
            lock (scope)
            {
                rest = partial.ToString();
                partial.Clear();
            }

            if (rest.Length > 0)
                console.WriteTargetLine(rest, toErrorStream);
        }
    }
}
