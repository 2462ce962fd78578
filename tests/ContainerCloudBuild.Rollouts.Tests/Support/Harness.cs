using ContainerCloudBuild.Rollouts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ContainerCloudBuild.Rollouts.Tests.Support;

/// <summary>A controller over fakes and fake time; <see cref="DriveAsync{T}"/> advances time until a call finishes.</summary>
public sealed class Harness
{
    public CallLog Log { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public InMemoryRolloutStateStore Store { get; } = new();
    public RecordingRolloutEvents Events { get; } = new();
    public FakeWorkloadDriver Driver { get; }
    public FakeTrafficRouter Router { get; }

    public Harness()
    {
        Driver = new FakeWorkloadDriver(Log);
        Router = new FakeTrafficRouter(Log);
    }

    /// <summary>A controller as a separate process would build it: same store, driver and router.</summary>
    public RolloutController Controller(IAnalysisRunner? analysis = null) =>
        new(Driver, Router, Store, Events, Time) { Analysis = analysis };

    public static WorkloadSpec Workload(string revision) => new() { Image = $"127.0.0.1:5000/hello:{revision}" };

    public static BlueGreenSpec BlueGreen(string revision, bool autoPromote = true) => new()
    {
        App = "hello", Revision = revision, Workload = Workload(revision), AutoPromote = autoPromote, ScaleDownDelay = TimeSpan.FromSeconds(30),
    };

    public static CanarySpec Canary(string revision, params CanaryStep[] steps) => new()
    {
        App = "hello", Revision = revision, Workload = Workload(revision), Steps = steps,
    };

    /// <summary>Advances fake time in small ticks until <paramref name="task"/> completes (bounded).</summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan? maxFakeTime = null)
    {
        var limit = Time.GetUtcNow() + (maxFakeTime ?? TimeSpan.FromMinutes(10));
        while (!task.IsCompleted)
        {
            if (Time.GetUtcNow() > limit)
                throw new TimeoutException("The controller did not finish within the fake time limit.");
            Time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }
        return await task;
    }

    /// <summary>Advances fake time until <paramref name="condition"/> holds (bounded).</summary>
    public async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 5000 && !condition(); i++)
        {
            Time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }
        Assert.True(condition(), "condition not reached");
    }

    /// <summary>Deploys <paramref name="revision"/> as the first, stable revision.</summary>
    public async Task SeedStableAsync(string revision)
    {
        var result = await DriveAsync(Controller().DeployBlueGreenAsync(BlueGreen(revision), TestContext.Current.CancellationToken));
        Assert.True(result.Succeeded, result.Message);
    }
}
