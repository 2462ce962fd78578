using System.Text.Json;

namespace ContainerCloudBuild.Registry;

/// <summary>A content descriptor: what a manifest points to.</summary>
public sealed record Descriptor(string MediaType, string Digest, long Size, bool IsForeign);

/// <summary>The parts of an image manifest or index that promotion needs.</summary>
public sealed record ManifestDocument(string? MediaType, bool IsIndex, IReadOnlyList<Descriptor> Manifests, IReadOnlyList<Descriptor> Blobs)
{
    public static ManifestDocument Parse(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            var mediaType = root.TryGetProperty("mediaType", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (root.TryGetProperty("manifests", out var manifests) && manifests.ValueKind == JsonValueKind.Array)
                return new ManifestDocument(mediaType, true, [.. manifests.EnumerateArray().Select(ReadDescriptor)], []);
            var blobs = new List<Descriptor>();
            if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object)
                blobs.Add(ReadDescriptor(config));
            if (root.TryGetProperty("layers", out var layers) && layers.ValueKind == JsonValueKind.Array)
                blobs.AddRange(layers.EnumerateArray().Select(ReadDescriptor));
            return new ManifestDocument(mediaType, false, [], blobs);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException("The manifest is not a valid image manifest or index: " + ex.Message, ex);
        }
    }

    private static Descriptor ReadDescriptor(JsonElement element) => new(
        element.TryGetProperty("mediaType", out var m) ? m.GetString() ?? "" : "",
        element.GetProperty("digest").GetString() ?? throw new FormatException("A descriptor has no digest."),
        element.TryGetProperty("size", out var s) && s.TryGetInt64(out var size) ? size : -1,
        element.TryGetProperty("urls", out var urls) && urls.ValueKind == JsonValueKind.Array && urls.GetArrayLength() > 0);
}
