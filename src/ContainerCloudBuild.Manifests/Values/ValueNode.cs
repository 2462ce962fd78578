namespace ContainerCloudBuild.Manifests.Values;

/// <summary>Where a value came from: a values file (1-based line and column) or a --set override.</summary>
public sealed record ValueSource(string File, int? Line = null, int? Column = null);

public enum ScalarKind
{
    Null,
    Bool,
    Int,
    Float,
    String,
}

/// <summary>A node of the values tree, remembering its source for diagnostics.</summary>
public abstract class ValueNode
{
    protected ValueNode(ValueSource? source) => Source = source;

    public ValueSource? Source { get; }

    /// <summary>Converts to plain .NET objects: ordered dictionaries, lists and scalars.</summary>
    public abstract object? ToPlain();
}

public sealed class ValueMap(ValueSource? source, bool isOpen = false) : ValueNode(source)
{
    /// <summary>An open map accepts any key (labels, annotations, data); a closed one only known keys.</summary>
    public bool IsOpen { get; } = isOpen;

    public OrderedDictionary<string, ValueNode> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each key was written (for unknown-key diagnostics), when read from a file.</summary>
    public Dictionary<string, ValueSource> KeySources { get; } = new(StringComparer.Ordinal);

    public override object? ToPlain()
    {
        var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries)
            result[key] = value.ToPlain();
        return result;
    }
}

public sealed class ValueList(ValueSource? source, ValueNode? itemSchema = null) : ValueNode(source)
{
    public List<ValueNode> Items { get; } = [];

    /// <summary>When set (a <c>!schema [item]</c> list in the defaults), every item is checked and completed against it.</summary>
    public ValueNode? ItemSchema { get; } = itemSchema;

    public override object? ToPlain() => Items.Select(i => i.ToPlain()).ToList();
}

/// <summary>A scalar with its resolved kind and original text (used when a string is expected).</summary>
public sealed class ValueScalar(ValueSource? source, ScalarKind kind, object? value, string text) : ValueNode(source)
{
    public ScalarKind Kind { get; } = kind;
    public object? Value { get; } = value;
    public string Text { get; } = text;

    public override object? ToPlain() => Value;

    public ValueScalar AsString() => new(Source, ScalarKind.String, Text, Text);
}
