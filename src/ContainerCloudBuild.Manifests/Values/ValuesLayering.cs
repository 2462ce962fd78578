namespace ContainerCloudBuild.Manifests.Values;

/// <summary>Builds the merged values: defaults, values files, the environment file, --set overrides.</summary>
internal static class ValuesLayering
{
    public static async Task<ValueMap> MergeAsync(ValueMap defaults, RenderRequest request, List<ManifestDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        ValueNode merged = defaults;
        var files = request.ValuesFiles.ToList();
        if (!string.IsNullOrEmpty(request.Environment))
        {
            var folder = files.Count > 0 ? Path.GetDirectoryName(Path.GetFullPath(files[^1]))! : Directory.GetCurrentDirectory();
            files.Add(Path.Combine(folder, $"values.{request.Environment}.yaml"));
        }
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.ValuesFileMissing,
                    $"values file '{file}' does not exist. {Hint(file)}", file));
                continue;
            }
            var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            if (ValuesFileReader.Read(text, Path.GetFileName(file), diagnostics) is { } layer)
                merged = ValuesMerger.Merge(merged, layer, "", diagnostics);
        }
        if (request.SetOverrides.Count > 0)
            merged = ValuesMerger.Merge(merged, SetOverrideParser.Parse(request.SetOverrides, diagnostics), "", diagnostics);
        return (ValueMap)merged;
    }

    private static string Hint(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var environments = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "values.*.yaml").Select(f => Path.GetFileName(f)[7..^5]).Order(StringComparer.Ordinal).ToList()
            : [];
        return environments.Count == 0
            ? "Create it (it may be empty) or fix the path."
            : $"Create it (it may be empty) or use one of the environments: {string.Join(", ", environments)}.";
    }
}
