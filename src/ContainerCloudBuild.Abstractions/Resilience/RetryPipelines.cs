using Polly;
using Polly.Retry;

namespace ContainerCloudBuild.Abstractions.Resilience;

/// <summary>Builds Polly pipelines from <see cref="RetryOptions"/>: exponential backoff, jitter, capped waits, the injected clock.</summary>
public static class RetryPipelines
{
    /// <summary>
    /// A pipeline that retries an operation whose result or exception <paramref name="shouldRetry"/> calls transient.
    /// When the attempts run out the last result is returned (or its exception thrown).
    /// </summary>
    public static ResiliencePipeline<T> Create<T>(
        RetryOptions options, Func<Outcome<T>, bool> shouldRetry, TimeProvider timeProvider, Action<RetryAttempt>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(shouldRetry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        if (options.MaxAttempts == 1)
            return ResiliencePipeline<T>.Empty;
        return new ResiliencePipelineBuilder<T> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<T>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(shouldRetry(args.Outcome)),
                OnRetry = args =>
                {
                    onRetry?.Invoke(new RetryAttempt(args.AttemptNumber + 1, options.MaxAttempts, args.RetryDelay, args.Outcome.Exception));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>A pipeline for operations without a result: retries the exceptions <paramref name="shouldRetry"/> calls transient.</summary>
    public static ResiliencePipeline Create(
        RetryOptions options, Func<Exception, bool> shouldRetry, TimeProvider timeProvider, Action<RetryAttempt>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(shouldRetry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        if (options.MaxAttempts == 1)
            return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && shouldRetry(ex)),
                OnRetry = args =>
                {
                    onRetry?.Invoke(new RetryAttempt(args.AttemptNumber + 1, options.MaxAttempts, args.RetryDelay, args.Outcome.Exception));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}

/// <summary>A failed attempt about to be retried: which one (1-based) of how many, the wait before the next, and its exception if any.</summary>
public sealed record RetryAttempt(int FailedAttempt, int MaxAttempts, TimeSpan Delay, Exception? Exception);
