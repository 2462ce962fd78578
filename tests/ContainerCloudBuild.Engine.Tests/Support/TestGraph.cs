using ContainerCloudBuild.Engine;

namespace ContainerCloudBuild.Engine.Tests.Support;

/// <summary>
/// Builds a <see cref="TargetGraph"/> from a compact text such as
/// <c>"Restore; Compile > Restore; Test > Compile; Pack > Compile after Test; Lint triggers Report"</c>.
/// Clauses: <c>&gt; A,B</c> (DependsOn), <c>after</c>, <c>before</c>, <c>triggers</c>, <c>triggeredby</c>,
/// <c>dependentfor</c>, <c>static-false</c>, <c>assured</c>, <c>proceed</c>.
/// </summary>
public sealed class TestGraph
{
    private readonly Dictionary<string, Target> _targets = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, Target Target)> _order = [];

    public Target this[string name] => _targets[name];

    public TestGraph Add(string name, Func<ITargetDefinition, TestGraph, ITargetDefinition>? configure = null)
    {
        Target target = d => configure is null ? d : configure(d, this);
        _targets[name] = target;
        _order.Add((name, target));
        return this;
    }

    public TargetGraph Build() => TargetGraph.Create(_order);

    public static TargetGraph Parse(string spec) => FromSpec(spec).Build();

    public static TestGraph FromSpec(string spec)
    {
        var graph = new TestGraph();
        foreach (var entry in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var clauses = new List<(string Keyword, string[] Names)>();
            for (var i = 1; i < words.Length; i++)
            {
                var keyword = words[i];
                var takesNames = keyword is ">" or "after" or "before" or "triggers" or "triggeredby" or "dependentfor";
                var names = takesNames ? words[++i].Split(',') : [];
                clauses.Add((keyword, names));
            }

            graph.Add(words[0], (d, g) =>
            {
                foreach (var (keyword, names) in clauses)
                {
                    var targets = names.Select(n => g[n]).ToArray();
                    d = keyword switch
                    {
                        ">" => d.DependsOn(targets),
                        "after" => d.After(targets),
                        "before" => d.Before(targets),
                        "triggers" => d.Triggers(targets),
                        "triggeredby" => d.TriggeredBy(targets),
                        "dependentfor" => d.DependentFor(targets),
                        "static-false" => d.OnlyWhenStatic(() => false),
                        "assured" => d.AssuredAfterFailure(),
                        "proceed" => d.ProceedAfterFailure(),
                        _ => throw new ArgumentException($"Unknown clause '{keyword}' in '{spec}'."),
                    };
                }

                return d;
            });
        }

        return graph;
    }
}
