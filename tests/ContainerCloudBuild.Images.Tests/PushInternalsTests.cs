using System.Text.Json;
using ContainerCloudBuild.Images.Tests.Support;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Images.Tests;

public sealed class PushInternalsTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void PushProgress_AuxMessage_GivesDigest()
    {
        var progress = new PushProgress(new ListLogger<PushInternalsTests>());
        using var json = JsonDocument.Parse($"{{\"Tag\":\"1.0.0\",\"Digest\":\"{Digest}\",\"Size\":528}}");

        progress.Report(new JSONMessage { Aux = new ObjectExtensionData { ExtensionData = new Dictionary<string, object> { ["Digest"] = json.RootElement.GetProperty("Digest").Clone() } } });

        Assert.Equal(Digest, progress.Digest);
    }

    [Fact]
    public void PushProgress_StatusLineOnly_GivesDigest()
    {
        var progress = new PushProgress(new ListLogger<PushInternalsTests>());

        progress.Report(new JSONMessage { Status = $"1.0.0: digest: {Digest} size: 528" });

        Assert.Equal(Digest, progress.Digest);
    }

    [Fact]
    public void PushProgress_ErrorMessage_KeepsFirstError()
    {
        var progress = new PushProgress(new ListLogger<PushInternalsTests>());

        progress.Report(new JSONMessage { Error = new JSONError { Message = "unauthorized: authentication required" } });
        progress.Report(new JSONMessage { Error = new JSONError { Message = "later" } });

        Assert.Equal("unauthorized: authentication required", progress.Error);
        Assert.Null(progress.Digest);
    }

    [Theory]
    [InlineData("unauthorized: authentication required", "Unauthorized")]
    [InlineData("denied: requested access to the resource is denied", "Unauthorized")]
    [InlineData("Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused", "Transient")]
    [InlineData("received unexpected HTTP status: 503 Service Unavailable", "Transient")]
    [InlineData("toomanyrequests: slow down", "Transient")]
    [InlineData("manifest invalid: manifest invalid", "Permanent")]
    public void Classify_EngineMessages_AreSortedByWhatToDo(string message, string expected)
    {
        Assert.Equal(expected, PushFailureKind.Classify(message).ToString());
    }
}
