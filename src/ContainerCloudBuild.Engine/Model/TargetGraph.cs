using System.Reflection;

namespace ContainerCloudBuild.Engine;

/// <summary>
/// All targets of a build, by name (case-insensitive), in declaration order. Relations declared
/// from either side (<c>DependentFor</c>, <c>Before</c>, <c>TriggeredBy</c>) are normalised onto
/// the target they constrain, so the planner sees one direction only.
/// </summary>
public sealed class TargetGraph
{
    private readonly Dictionary<string, TargetSpec> _byName;

    private TargetGraph(IReadOnlyList<TargetSpec> targets)
    {
        Targets = targets;
        _byName = targets.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Targets in declaration order.</summary>
    public IReadOnlyList<TargetSpec> Targets { get; }

    public TargetSpec? Find(string name) => _byName.GetValueOrDefault(name);

    public TargetSpec this[string name] => _byName[name];

    /// <summary>Discovers every property of type <see cref="Target"/> on the build object.</summary>
    public static TargetGraph FromBuild(object build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var properties = build.GetType()
            .GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.PropertyType == typeof(Target) && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken);
        return Create(properties.Select(p => (p.Name, (Target)p.GetValue(build)!)));
    }

    /// <summary>Builds a graph from named target delegates (used by tests and generated builds).</summary>
    public static TargetGraph Create(IEnumerable<(string Name, Target Target)> declared)
    {
        var list = declared.ToList();
        var names = new TargetNames(list);

        string NameOf(Target target, string owner) => names.Find(target)
            ?? throw new InvalidOperationException($"Target '{owner}' refers to a target that is not a property of the build class.");

        var definitions = list.Select(t => (t.Name, Definition: Configure(t.Name, t.Target))).ToList();
        var dependsOn = definitions.ToDictionary(d => d.Name, _ => new List<string>(), StringComparer.OrdinalIgnoreCase);
        var after = definitions.ToDictionary(d => d.Name, _ => new List<string>(), StringComparer.OrdinalIgnoreCase);
        var triggers = definitions.ToDictionary(d => d.Name, _ => new List<string>(), StringComparer.OrdinalIgnoreCase);

        foreach (var (name, d) in definitions)
        {
            dependsOn[name].AddRange(d.DependsOnTargets.Select(t => NameOf(t, name)));
            foreach (var t in d.DependentForTargets) dependsOn[NameOf(t, name)].Add(name);
            after[name].AddRange(d.AfterTargets.Select(t => NameOf(t, name)));
            foreach (var t in d.BeforeTargets) after[NameOf(t, name)].Add(name);
            triggers[name].AddRange(d.TriggersTargets.Select(t => NameOf(t, name)));
            foreach (var t in d.TriggeredByTargets) triggers[NameOf(t, name)].Add(name);
        }

        var specs = definitions.Select(x => ToSpec(x.Name, x.Definition, dependsOn[x.Name], after[x.Name], triggers[x.Name])).ToList();
        return new TargetGraph(specs);
    }

    private static TargetDefinition Configure(string name, Target target)
    {
        var definition = new TargetDefinition();
        try
        {
            target(definition);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"Defining target '{name}' failed: {ex.Message}", ex);
        }

        return definition;
    }

    private static TargetSpec ToSpec(string name, TargetDefinition d, List<string> dependsOn, List<string> after, List<string> triggers) => new()
    {
        Name = name,
        Description = d.DescriptionText,
        DependsOn = Distinct(dependsOn),
        After = Distinct(after),
        Triggers = Distinct(triggers),
        StaticConditions = d.StaticConditions,
        DynamicConditions = d.DynamicConditions,
        Requirements = d.Requirements,
        ProceedAfterFailure = d.IsProceedAfterFailure,
        AssuredAfterFailure = d.IsAssuredAfterFailure,
        Unlisted = d.IsUnlisted,
        Timeout = d.TimeoutValue,
        Retry = d.RetryValue,
        InputGlobs = d.InputGlobs,
        InputValues = d.InputValues,
        OutputGlobs = d.OutputGlobs,
        Actions = d.Actions,
    };

    private static List<string> Distinct(List<string> names) => names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
