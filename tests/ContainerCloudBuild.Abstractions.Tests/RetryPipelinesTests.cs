using ContainerCloudBuild.Abstractions.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace ContainerCloudBuild.Abstractions.Tests;

public class RetryPipelinesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_TransientResults_RetriesUpToMaxAttemptsAndReturnsTheLast()
    {
        var calls = 0;
        var pipeline = RetryPipelines.Create<int>(Fast(4), outcome => outcome.Result < 10, TimeProvider.System);

        var result = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(++calls), Ct);

        Assert.Equal(4, calls);
        Assert.Equal(4, result);
    }

    [Fact]
    public async Task Create_ResultNotTransient_DoesNotRetry()
    {
        var calls = 0;
        var pipeline = RetryPipelines.Create<int>(Fast(4), outcome => outcome.Result < 0, TimeProvider.System);

        await pipeline.ExecuteAsync(_ => ValueTask.FromResult(++calls), Ct);

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Create_TransientExceptions_RetriesThenRethrowsTheLast()
    {
        var calls = 0;
        var pipeline = RetryPipelines.Create(Fast(3), ex => ex is IOException, TimeProvider.System);

        var ex = await Assert.ThrowsAsync<IOException>(async () =>
            await pipeline.ExecuteAsync(_ => throw new IOException($"attempt {++calls}"), Ct));

        Assert.Equal(3, calls);
        Assert.Equal("attempt 3", ex.Message);
    }

    [Fact]
    public async Task Create_OtherExceptions_AreNotRetried()
    {
        var calls = 0;
        var pipeline = RetryPipelines.Create(Fast(3), ex => ex is IOException, TimeProvider.System);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await pipeline.ExecuteAsync(_ => { calls++; throw new InvalidOperationException("permanent"); }, Ct));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Create_WithJitter_WaitsVaryAndNeverExceedMaxDelay()
    {
        var options = new RetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) };
        var waits = new List<TimeSpan>();
        var pipeline = RetryPipelines.Create<bool>(options, outcome => !outcome.Result, TimeProvider.System, retry => waits.Add(retry.Delay));

        for (var run = 0; run < 10; run++)
            await pipeline.ExecuteAsync(_ => ValueTask.FromResult(false), Ct);

        Assert.Equal(30, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.Zero, options.MaxDelay));
        Assert.True(waits.Distinct().Count() > 10, $"jittered waits should differ: {string.Join(", ", waits.Distinct())}");
    }

    [Fact]
    public async Task Create_WithoutJitter_WaitsDoubleUpToMaxDelayOnTheInjectedClock()
    {
        var time = new FakeTimeProvider();
        var options = new RetryOptions { MaxAttempts = 5, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5), UseJitter = false };
        var waits = new List<TimeSpan>();
        var pipeline = RetryPipelines.Create<bool>(options, outcome => !outcome.Result, time, retry => waits.Add(retry.Delay));

        var running = pipeline.ExecuteAsync(_ => ValueTask.FromResult(false), Ct).AsTask();
        while (!running.IsCompleted)
        {
            await Task.Delay(10, Ct);
            time.Advance(TimeSpan.FromSeconds(1));
        }
        await running;

        Assert.Equal([1, 2, 4, 5], waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task Create_OneAttempt_NeverRetries()
    {
        var calls = 0;
        var pipeline = RetryPipelines.Create<int>(new RetryOptions { MaxAttempts = 1 }, _ => true, TimeProvider.System);

        await pipeline.ExecuteAsync(_ => ValueTask.FromResult(++calls), Ct);

        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData(0, 10, 100, "MaxAttempts")]
    [InlineData(3, -1, 100, "BaseDelay")]
    [InlineData(3, 100, 10, "MaxDelay")]
    public void Validate_OutOfRange_NamesTheSetting(int attempts, int baseMs, int maxMs, string setting)
    {
        var options = new RetryOptions { MaxAttempts = attempts, BaseDelay = TimeSpan.FromMilliseconds(baseMs), MaxDelay = TimeSpan.FromMilliseconds(maxMs) };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(setting, ex.ParamName);
    }

    private static RetryOptions Fast(int attempts) =>
        new() { MaxAttempts = attempts, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) };
}
