namespace ContainerCloudBuild.Kubernetes.Testing.Tests.Support;

/// <summary>Polls until a condition holds (the simulated controllers work in the background).</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, CancellationToken cancellationToken, int seconds = 20)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        var last = await read();
        while (!done(last))
        {
            if (timeout.IsCancellationRequested)
                Assert.Fail($"condition not reached within {seconds}s; last value: {k8s.KubernetesJson.Serialize(last)}");
            await Task.Delay(50, CancellationToken.None);
            last = await read();
        }
        return last;
    }
}
