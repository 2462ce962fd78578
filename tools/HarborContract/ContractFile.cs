using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Tools.HarborContract;

/// <summary>Reads a swagger.yaml (and the SOURCE.md beside it) and renders the contract file's text.</summary>
public static class ContractFile
{
    public const string SourceNotesName = "SOURCE.md";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject FromSwagger(string swaggerPath)
    {
        var notes = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(swaggerPath))!, SourceNotesName);
        var source = ContractSource.FromSourceNotes(File.Exists(notes) ? File.ReadAllText(notes) : null);
        return ContractExtractor.Extract(File.ReadAllBytes(swaggerPath), source);
    }

    public static string Render(JsonObject contract) => contract.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
}
