using ContainerCloudBuild.Manifests.Values;
using Scriban;

namespace ContainerCloudBuild.Manifests.Templating;

/// <summary>
/// The parsed templates of one folder: every <c>*.scriban</c> file directly in it (files starting
/// with <c>_</c> are partials, only used through <c>include</c>) and <c>defaults.yaml</c>, which
/// holds the default values and is the schema for every values layer. Load once, render many times.
/// </summary>
public sealed class TemplateSet
{
    public const string DefaultsFileName = "defaults.yaml";
    public const string Extension = ".scriban";

    private TemplateSet(string directory, IReadOnlyList<KeyValuePair<string, Template>> resources,
        IReadOnlyDictionary<string, Template> all, IReadOnlyDictionary<string, string> sources, ValueMap? defaults,
        IReadOnlyList<ManifestDiagnostic> diagnostics)
    {
        Directory = directory;
        Resources = resources;
        All = all;
        Sources = sources;
        Defaults = defaults;
        Diagnostics = diagnostics;
    }

    public string Directory { get; }

    /// <summary>Resource templates (not partials), ordered by file name.</summary>
    public IReadOnlyList<KeyValuePair<string, Template>> Resources { get; }

    internal IReadOnlyDictionary<string, Template> All { get; }
    internal IReadOnlyDictionary<string, string> Sources { get; }
    public ValueMap? Defaults { get; }

    /// <summary>Problems found while loading (syntax errors, missing defaults); empty when usable.</summary>
    public IReadOnlyList<ManifestDiagnostic> Diagnostics { get; }

    public bool IsUsable => Defaults is not null && !Diagnostics.Any(d => d.IsError);

    public static Task<TemplateSet> LoadAsync(string directory, CancellationToken cancellationToken) =>
        LoadAsync(directory, null, cancellationToken);

    /// <summary>
    /// Loads <paramref name="directory"/>; the partials (<c>_*.scriban</c>) of <paramref name="sharedPartialsDirectory"/>, when
    /// given, can be included too (the folder's own partial of the same name wins), so two template sets share one rule.
    /// </summary>
    public static async Task<TemplateSet> LoadAsync(string directory, string? sharedPartialsDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var diagnostics = new List<ManifestDiagnostic>();
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.TemplatesMissing,
                $"templates folder '{full}' does not exist. Pass the folder holding defaults.yaml and the *.scriban templates.", full));
            return new TemplateSet(full, [], new Dictionary<string, Template>(), new Dictionary<string, string>(), null, diagnostics);
        }
        var sources = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.EnumerateFiles(full, "*" + Extension, SearchOption.TopDirectoryOnly))
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            sources[Path.GetFileName(file)] = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        if (sharedPartialsDirectory is not null && System.IO.Directory.Exists(sharedPartialsDirectory))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Path.GetFullPath(sharedPartialsDirectory), "_*" + Extension, SearchOption.TopDirectoryOnly))
            {
                if (!sources.ContainsKey(Path.GetFileName(file)))
                    sources[Path.GetFileName(file)] = (await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)).Replace("\r\n", "\n", StringComparison.Ordinal);
            }
        }
        var all = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var (name, text) in sources)
        {
            var template = Template.Parse(text, name);
            foreach (var message in template.Messages)
            {
                diagnostics.Add(new ManifestDiagnostic(
                    message.Type == Scriban.Parsing.ParserMessageType.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                    DiagnosticCodes.TemplateSyntax, message.Message, name, message.Span.Start.Line + 1, message.Span.Start.Column + 1));
            }
            all[name] = template;
        }
        var defaults = await LoadDefaultsAsync(full, diagnostics, cancellationToken).ConfigureAwait(false);
        var resources = all.Where(p => !p.Key.StartsWith('_')).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        return new TemplateSet(full, resources, all, sources, defaults, diagnostics);
    }

    private static async Task<ValueMap?> LoadDefaultsAsync(string directory, List<ManifestDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, DefaultsFileName);
        if (!File.Exists(path))
        {
            diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.TemplatesMissing,
                $"'{DefaultsFileName}' is missing in '{directory}'. It holds the default values and defines which keys exist.", path));
            return null;
        }
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return ValuesFileReader.Read(text, DefaultsFileName, diagnostics);
    }
}
