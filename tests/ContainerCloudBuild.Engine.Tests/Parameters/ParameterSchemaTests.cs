using System.Text.Json;
using ContainerCloudBuild.Engine.Tests.Support;

namespace ContainerCloudBuild.Engine.Tests.Parameters;

public sealed class ParameterSchemaTests : IDisposable
{
    private readonly RunnerHarness _run = new();

    [Fact]
    public async Task Run_WritesSchemaWithParameterTypesEnumsAndTargets()
    {
        await _run.RunAsync(new SampleBuild(), "--help");

        using var schema = JsonDocument.Parse(File.ReadAllText(_run.Root.Combine(".nuke", "build.schema.json")));
        var properties = schema.RootElement.GetProperty("properties");
        Assert.Equal("integer", properties.GetProperty("Replicas").GetProperty("type").GetString());
        Assert.Equal("Replica count", properties.GetProperty("Replicas").GetProperty("description").GetString());
        Assert.Equal(["Dev", "Staging", "Production"], properties.GetProperty("Stage").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("array", properties.GetProperty("Regions").GetProperty("type").GetString());
        Assert.Equal(["Cleanup", "Compile", "Deploy"], properties.GetProperty("Skip").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    public void Dispose() => _run.Dispose();
}
