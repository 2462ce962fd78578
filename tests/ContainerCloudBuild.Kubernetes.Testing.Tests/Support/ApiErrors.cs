using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests.Support;

/// <summary>Runs a call that must fail and returns the HTTP status and the Status body the server sent.</summary>
public static class ApiErrors
{
    public static async Task<(HttpStatusCode Code, V1Status Status)> FailureOf(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        return (error.Response.StatusCode, KubernetesJson.Deserialize<V1Status>(error.Response.Content));
    }
}
