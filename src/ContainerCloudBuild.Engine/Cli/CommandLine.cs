namespace ContainerCloudBuild.Engine.Cli;

/// <summary>One <c>--name [values...]</c> on the command line.</summary>
public sealed record CommandLineOption(string Name, IReadOnlyList<string> Values);

/// <summary>
/// The command line split into target names (the words before the first option) and options
/// (<c>--name v1 v2</c> or <c>--name=v</c>). Names are compared ignoring case and separators.
/// </summary>
public sealed record CommandLine(IReadOnlyList<string> Targets, IReadOnlyList<CommandLineOption> Options)
{
    public static readonly IReadOnlyList<string> BuiltInOptions =
        ["help", "plan", "skip", "parallel", "verbosity", "force", "profile", "target"];

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var targets = new List<string>();
        var options = new List<(string Name, List<string> Values)>();
        foreach (var arg in args)
        {
            if (arg is "-h" or "-?" or "/?")
            {
                options.Add(("help", []));
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                options.Add(eq > 2 ? (arg[2..eq], [arg[(eq + 1)..]]) : (arg[2..], []));
            }
            else if (options.Count == 0)
            {
                targets.Add(arg);
            }
            else
            {
                options[^1].Values.Add(arg);
            }
        }

        var explicitTargets = options.Where(o => Is(o.Name, "target")).SelectMany(o => o.Values);
        return new CommandLine(
            [.. targets, .. explicitTargets],
            options.Select(o => new CommandLineOption(o.Name, o.Values)).ToList());
    }

    public bool Has(string name) => Options.Any(o => Is(o.Name, name));

    public IReadOnlyList<string> Values(string name) =>
        Options.Where(o => Is(o.Name, name)).SelectMany(o => o.Values).ToList();

    public string? Value(string name) => Values(name).LastOrDefault();

    /// <summary>Options that are not built in: candidate parameter values.</summary>
    public IEnumerable<CommandLineOption> ParameterOptions =>
        Options.Where(o => !BuiltInOptions.Any(b => Is(o.Name, b)));

    private static bool Is(string name, string expected) =>
        Parameters.ParameterNames.Normalize(name) == Parameters.ParameterNames.Normalize(expected);
}
