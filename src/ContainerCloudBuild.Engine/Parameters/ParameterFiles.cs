using System.Text.Json;

namespace ContainerCloudBuild.Engine.Parameters;

/// <summary>One value read from a parameters file, with the file it came from.</summary>
public sealed record FileValue(IReadOnlyList<string> Values, string File);

/// <summary>Reads <c>.nuke/parameters.json</c> and, with a profile, <c>.nuke/parameters.&lt;profile&gt;.json</c> on top.</summary>
public static class ParameterFiles
{
    public static Dictionary<string, FileValue> Read(string rootDirectory, string? profile, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var values = new Dictionary<string, FileValue>(StringComparer.Ordinal);
        var directory = Path.Combine(rootDirectory, ".nuke");
        ReadFile(Path.Combine(directory, "parameters.json"), values, errors);
        if (profile is not null)
        {
            var profileFile = Path.Combine(directory, $"parameters.{profile}.json");
            if (File.Exists(profileFile))
                ReadFile(profileFile, values, errors);
            else
                errors.Add($"Profile '{profile}': {Path.GetRelativePath(rootDirectory, profileFile)} does not exist. Create it or choose another --profile.");
        }

        return values;
    }

    private static void ReadFile(string file, Dictionary<string, FileValue> values, List<string> errors)
    {
        if (!File.Exists(file)) return;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{file}: expected a JSON object of parameter names and values.");
                return;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$')) continue;
                values[ParameterNames.Normalize(property.Name)] = new FileValue(ToStrings(property.Value), file);
            }
        }
        catch (JsonException ex)
        {
            errors.Add($"{file}:{ex.LineNumber + 1}: invalid JSON: {ex.Message}");
        }
    }

    private static List<string> ToStrings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().SelectMany(ToStrings).ToList(),
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Null => [],
        _ => [element.GetRawText()],
    };
}
