using System.Net;
using ContainerCloudBuild.Kubernetes.Testing.Tests.Support;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

public sealed class ObjectNameTests
{
    private static readonly FakeKubeApiServerOptions Bare = new() { RunControllers = false };

    public static TheoryData<string, string, bool> Names => new()
    {
        { "Service", "orders-1-2-3-1202081500", true },
        { "Service", "orders-1.2.3-1202081500", false },
        { "Service", "1orders", false },
        { "Service", "orders-" + new string('a', 60), false },
        { "ConfigMap", "orders-1.2.3-1202081500", true },
        { "ConfigMap", "Orders", false },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Create_Name_AcceptedOnlyWhenTheRealServerWouldAcceptIt(string kind, string name, bool valid)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        Func<Task> create = kind == "Service"
            ? () => client.CoreV1.CreateNamespacedServiceAsync(
                new V1Service { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] } }, "default", cancellationToken: ct)
            : () => client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap(name), "default", cancellationToken: ct);

        if (valid)
        {
            await create();
            return;
        }
        var (code, status) = await ApiErrors.FailureOf(create);
        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("Invalid", status.Reason);
        Assert.Contains($"metadata.name: Invalid value: \"{name}\"", status.Message, StringComparison.Ordinal);
    }
}
