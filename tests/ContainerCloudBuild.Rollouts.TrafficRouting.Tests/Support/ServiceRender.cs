using ContainerCloudBuild.Manifests;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.Tests.Support;

/// <summary>Renders a service with the repository's templates (templates/manifests) and extra values, as a deploy would.</summary>
internal static class ServiceRender
{
    public static async Task<IReadOnlyList<RenderedDocument>> RenderAsync(TempDirectory temp, string name, string extraValues, CancellationToken cancellationToken)
    {
        var folder = temp.Combine(name);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "values.yaml"),
            $"name: {name}\nimage:\n  repository: registry.example/{name}\n  tag: \"1\"\nreplicas: 2\n{extraValues}", cancellationToken);
        var result = await new ManifestRenderer().RenderAsync(RenderRequest.ForService(Templates(), folder, null), cancellationToken);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Documents;
    }

    private static string Templates()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "templates", "manifests");
            if (File.Exists(Path.Combine(candidate, "defaults.yaml")))
                return candidate;
        }
        throw new InvalidOperationException("templates/manifests not found above " + AppContext.BaseDirectory);
    }
}
