using Microsoft.Extensions.Time.Testing;

namespace ContainerCloudBuild.Analysis.Tests.Support;

/// <summary>Drives a task that waits on a <see cref="FakeTimeProvider"/> by advancing fake time until it completes.</summary>
public static class FakeTime
{
    public static async Task<T> Drive<T>(FakeTimeProvider time, Task<T> task, TimeSpan step, int maxSteps = 10_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Delay(2, TestContext.Current.CancellationToken);
            time.Advance(step);
        }
        return await task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
