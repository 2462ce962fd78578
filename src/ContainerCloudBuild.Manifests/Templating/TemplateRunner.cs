using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ContainerCloudBuild.Manifests.Templating;

/// <summary>The text one resource template produced.</summary>
public sealed record TemplateOutput(string Template, string Text);

/// <summary>
/// Renders every resource template of a <see cref="TemplateSet"/> in a fresh, strict context:
/// undefined variables and members are errors, loops and recursion are bounded, includes come only
/// from the set. Errors become diagnostics with template file, line and column.
/// </summary>
internal static class TemplateRunner
{
    public const int LoopLimit = 1000;
    public const int RecursiveLimit = 20;

    public static List<TemplateOutput> Render(TemplateSet set, object? values, object? deploy,
        List<ManifestDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var outputs = new List<TemplateOutput>();
        var loader = new FolderTemplateLoader(set.Sources);
        var functions = TemplateFunctions.Create();
        var scriptValues = ScriptValues.FromPlain(values, "values");
        var scriptDeploy = ScriptValues.FromPlain(deploy, "deploy");
        foreach (var (name, template) in set.Resources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var context = new TemplateContext
            {
                StrictVariables = true,
                LoopLimit = LoopLimit,
                RecursiveLimit = RecursiveLimit,
                TemplateLoader = loader,
                EnableRelaxedMemberAccess = false,
                CancellationToken = cancellationToken,
            };
            foreach (var (partial, parsed) in set.All)
                context.CachedTemplates[partial] = parsed;
            var globals = new ScriptObject
            {
                ["values"] = scriptValues,
                ["deploy"] = scriptDeploy,
            };
            context.PushGlobal(functions);
            context.PushGlobal(globals);
            try
            {
                outputs.Add(new TemplateOutput(name, template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal)));
            }
            catch (ScriptRuntimeException e)
            {
                var span = e.Span;
                diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.TemplateRuntime, e.OriginalMessage,
                    span.FileName ?? name, span.Start.Line + 1, span.Start.Column + 1));
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.TemplateRuntime, e.Message, name));
            }
        }
        return outputs;
    }
}
