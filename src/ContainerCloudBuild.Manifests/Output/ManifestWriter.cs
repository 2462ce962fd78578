using System.Text;

namespace ContainerCloudBuild.Manifests.Output;

/// <summary>Writes a successful render: one file per resource and/or one multi-document stream.</summary>
internal static class ManifestWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync(RenderResult result, RenderRequest request, CancellationToken cancellationToken)
    {
        if (request.OutputDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
            foreach (var document in result.Documents)
                await File.WriteAllTextAsync(Path.Combine(directory, document.FileName), document.Yaml, Utf8, cancellationToken).ConfigureAwait(false);
        }
        if (request.OutputStream is { } stream)
        {
            var bytes = Utf8.GetBytes(result.ToMultiDocumentYaml());
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
