using ContainerCloudBuild.Kubernetes.Testing.Api;

namespace ContainerCloudBuild.Kubernetes.Testing.Controllers;

/// <summary>One pass of a simulated controller over the store.</summary>
public interface IReconciler
{
    void Reconcile();
}

/// <summary>Runs the simulated controllers in turn on a background task until disposed.</summary>
public sealed class ControllerLoop(TimeSpan interval, IReadOnlyList<IReconciler> reconcilers) : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task loop = Task.CompletedTask;

    public void Start() => loop = Task.Run(() => RunAsync(stop.Token));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var reconciler in reconcilers)
            {
                try
                {
                    reconciler.Reconcile();
                }
                catch (KubeApiException)
                {
                    // a concurrent write won (409) or the object went away (404): the next pass sees the new state
                }
            }
            try
            {
                await Task.Delay(interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
