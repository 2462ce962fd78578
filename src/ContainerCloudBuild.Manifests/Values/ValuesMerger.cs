namespace ContainerCloudBuild.Manifests.Values;

/// <summary>
/// Merges a values layer over the one below it. The template defaults are the schema: a key the
/// defaults do not have is reported (unless its map is open), and a value must have the type of
/// the default (a string slot accepts any scalar as its text; a float slot accepts integers;
/// a null default accepts anything). Maps merge deeply; lists and scalars replace.
/// </summary>
public static class ValuesMerger
{
    public static ValueNode Merge(ValueNode lower, ValueNode upper, string path, List<ManifestDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (upper is ValueScalar { Kind: ScalarKind.Null })
            return upper;
        switch (lower)
        {
            case ValueMap lowerMap when upper is ValueMap upperMap:
                return MergeMaps(lowerMap, upperMap, path, diagnostics);
            case ValueMap:
                return Mismatch(lower, upper, path, "a mapping", diagnostics);
            case ValueList { ItemSchema: { } schema } when upper is ValueList items:
                var checkedList = new ValueList(items.Source, schema);
                for (var i = 0; i < items.Items.Count; i++)
                    checkedList.Items.Add(Merge(schema, items.Items[i], $"{path}[{i}]", diagnostics));
                return checkedList;
            case ValueList when upper is ValueList:
                return upper;
            case ValueList:
                return Mismatch(lower, upper, path, "a list", diagnostics);
            case ValueScalar lowerScalar:
                return MergeScalar(lowerScalar, upper, path, diagnostics);
            default:
                return upper;
        }
    }

    private static ValueMap MergeMaps(ValueMap lower, ValueMap upper, string path, List<ManifestDiagnostic> diagnostics)
    {
        var result = new ValueMap(upper.Source, lower.IsOpen);
        foreach (var (key, value) in lower.Entries)
            result.Entries[key] = value;
        foreach (var (key, value) in upper.Entries)
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (lower.Entries.TryGetValue(key, out var existing))
            {
                result.Entries[key] = !lower.IsOpen ? Merge(existing, value, childPath, diagnostics)
                    : existing is ValueMap existingMap && value is ValueMap valueMap ? MergeMaps(Open(existingMap), valueMap, childPath, diagnostics)
                    : value;
            }
            else if (lower.IsOpen)
            {
                result.Entries[key] = value;
            }
            else
            {
                var where = path.Length == 0 ? "at the top level" : $"under '{path}'";
                diagnostics.Add(At(upper.KeySources.GetValueOrDefault(key) ?? value.Source, DiagnosticCodes.ValuesUnknownKey,
                    $"unknown key '{childPath}'. Known keys {where}: {string.Join(", ", lower.Entries.Keys)}. Fix the spelling or remove it."));
            }
        }
        return result;
    }

    private static ValueMap Open(ValueMap map)
    {
        var open = new ValueMap(map.Source, isOpen: true);
        foreach (var (key, value) in map.Entries)
            open.Entries[key] = value;
        return open;
    }

    private static ValueNode MergeScalar(ValueScalar lower, ValueNode upper, string path, List<ManifestDiagnostic> diagnostics)
    {
        if (lower.Kind == ScalarKind.Null)
            return upper;
        if (upper is not ValueScalar scalar)
            return Mismatch(lower, upper, path, KindName(lower.Kind), diagnostics);
        return (lower.Kind, scalar.Kind) switch
        {
            (ScalarKind.String, _) => scalar.AsString(),
            (ScalarKind.Float, ScalarKind.Int) => new ValueScalar(scalar.Source, ScalarKind.Float, System.Convert.ToDouble(scalar.Value, System.Globalization.CultureInfo.InvariantCulture), scalar.Text),
            var (l, u) when l == u => scalar,
            _ => Mismatch(lower, upper, path, KindName(lower.Kind), diagnostics),
        };
    }

    private static ValueNode Mismatch(ValueNode lower, ValueNode upper, string path, string expected, List<ManifestDiagnostic> diagnostics)
    {
        var got = upper switch
        {
            ValueMap => "a mapping",
            ValueList => "a list",
            ValueScalar s => $"{KindName(s.Kind)} '{s.Text}'",
            _ => "something else",
        };
        diagnostics.Add(At(upper.Source, DiagnosticCodes.ValuesWrongType,
            $"'{path}' must be {expected}, but got {got}. Use the type of the template default."));
        return lower;
    }

    private static string KindName(ScalarKind kind) => kind switch
    {
        ScalarKind.Bool => "a boolean",
        ScalarKind.Int => "an integer",
        ScalarKind.Float => "a number",
        ScalarKind.String => "a string",
        _ => "null",
    };

    private static ManifestDiagnostic At(ValueSource? source, string code, string message) =>
        ManifestDiagnostic.Error(code, message, source?.File, source?.Line, source?.Column);
}
