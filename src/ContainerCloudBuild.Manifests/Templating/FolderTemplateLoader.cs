using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ContainerCloudBuild.Manifests.Templating;

/// <summary>
/// Serves <c>include "name"</c> only from already-loaded templates of the templates folder: no
/// paths, no parent directories, no files from elsewhere.
/// </summary>
internal sealed class FolderTemplateLoader(IReadOnlyDictionary<string, string> sources) : ITemplateLoader
{
    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
    {
        if (templateName.Contains('/', StringComparison.Ordinal) || templateName.Contains('\\', StringComparison.Ordinal)
            || templateName.Contains("..", StringComparison.Ordinal) || !sources.ContainsKey(templateName))
        {
            throw new ScriptRuntimeException(callerSpan,
                $"include '{templateName}' is not allowed: includes must name a template file directly in the templates folder ({string.Join(", ", sources.Keys)}).");
        }
        return templateName;
    }

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => sources[templatePath];

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(sources[templatePath]);
}
