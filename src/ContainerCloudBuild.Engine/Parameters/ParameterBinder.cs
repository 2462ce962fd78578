using ContainerCloudBuild.Engine.Cli;

namespace ContainerCloudBuild.Engine.Parameters;

/// <summary>Where a parameter's value came from.</summary>
public enum ParameterSource { Default, File, Environment, CommandLine }

/// <summary>A bound parameter as the run record shows it.</summary>
public sealed record BoundParameter(ParameterDescriptor Descriptor, object? Value, ParameterSource Source)
{
    /// <summary>The value was given (command line, environment, file) and is not empty; a default never counts.</summary>
    public bool IsGiven => Source != ParameterSource.Default && !string.IsNullOrEmpty(Text);

    /// <summary>The value as text (array items comma separated), as it appears in output.</summary>
    public string? Text => Value switch
    {
        null => null,
        Array a => string.Join(",", a.Cast<object>().Select(x => Convert.ToString(x, System.Globalization.CultureInfo.InvariantCulture))),
        _ => Convert.ToString(Value, System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Sets <c>[Parameter]</c> members: command line, then environment (names matched ignoring case and
/// separators), then parameters files, then the default written in the build class.
/// </summary>
public static class ParameterBinder
{
    public static IReadOnlyList<BoundParameter> Bind(
        object build,
        IReadOnlyList<ParameterDescriptor> parameters,
        CommandLine commandLine,
        IReadOnlyDictionary<string, string?> environment,
        IReadOnlyDictionary<string, FileValue> fileValues,
        string rootDirectory,
        List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(fileValues);
        ArgumentNullException.ThrowIfNull(errors);

        var byName = parameters.ToDictionary(p => ParameterNames.Normalize(p.Name));
        foreach (var option in commandLine.ParameterOptions.Where(o => !byName.ContainsKey(ParameterNames.Normalize(o.Name))))
        {
            var suggestion = Planning.NameSuggester.Closest(option.Name, parameters.Select(p => ParameterNames.Kebab(p.Name)).Concat(CommandLine.BuiltInOptions));
            errors.Add($"Unknown option '--{option.Name}'.{(suggestion is null ? "" : $" Did you mean '--{suggestion}'?")} Run with --help to list parameters.");
        }

        var environmentByName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in environment)
            if (value is not null) environmentByName.TryAdd(ParameterNames.Normalize(key), value);

        var bound = new List<BoundParameter>();
        foreach (var parameter in parameters)
        {
            var key = ParameterNames.Normalize(parameter.Name);
            var cli = commandLine.ParameterOptions.Where(o => ParameterNames.Normalize(o.Name) == key).ToList();
            (IReadOnlyList<string> Values, ParameterSource Source, string Origin)? raw =
                cli.Count > 0 ? (cli.SelectMany(o => o.Values).ToList(), ParameterSource.CommandLine, "the command line")
                : environmentByName.TryGetValue(key, out var env) ? (SplitEnvironment(parameter.Type, env), ParameterSource.Environment, $"environment variable {parameter.EnvironmentName}")
                : fileValues.TryGetValue(key, out var file) ? (file.Values, ParameterSource.File, Path.GetRelativePath(rootDirectory, file.File))
                : null;

            if (raw is null)
            {
                bound.Add(new BoundParameter(parameter, parameter.GetValue(build), ParameterSource.Default));
                continue;
            }

            if (ValueConverter.TryConvert(parameter.Type, raw.Value.Values, rootDirectory, out var value, out var error))
            {
                parameter.SetValue(build, value);
                bound.Add(new BoundParameter(parameter, value, raw.Value.Source));
            }
            else
            {
                var shown = parameter.IsSecret ? "" : $" {error}";
                errors.Add($"Parameter '{parameter.Name}' ({parameter.CommandLineName}) from {raw.Value.Origin}:{shown}{(parameter.IsSecret ? $" the value is not {ValueConverter.Expected(parameter.Type)}" : "")}.");
            }
        }

        return bound;
    }

    private static List<string> SplitEnvironment(Type type, string value) =>
        type.IsArray ? [.. value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)] : [value];
}
