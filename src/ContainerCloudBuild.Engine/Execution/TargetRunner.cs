using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Engine.Planning;

namespace ContainerCloudBuild.Engine.Execution;

/// <summary>Runs one target: dynamic conditions, up-to-date check, timeout and retries (rules E4, E5, E7).</summary>
internal sealed class TargetRunner(ExecutionOptions options)
{
    private BuildConsole Console => options.Console;

    public async Task<TargetResult> RunAsync(PlannedTarget planned, CancellationToken cancellationToken)
    {
        var spec = planned.Spec;
        var started = options.TimeProvider.GetTimestamp();
        TimeSpan Elapsed() => options.TimeProvider.GetElapsedTime(started);

        var falseCondition = spec.DynamicConditions.FirstOrDefault(c => !c.Evaluate());
        if (falseCondition is not null)
            return new TargetResult(spec.Name, TargetOutcome.Skipped, Elapsed(), $"condition '{falseCondition.Expression}' is false");

        string? hash = null;
        if (options.UpToDate is { } upToDate && spec.HasUpToDateCheck)
        {
            hash = upToDate.ComputeHash(spec);
            var why = options.Force ? null : upToDate.WhyUpToDate(spec, hash);
            if (why is not null)
                return new TargetResult(spec.Name, TargetOutcome.UpToDate, Elapsed(), why);
        }

        var attempts = spec.Retry?.Attempts ?? 1;
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, message) = await RunBodyAsync(spec, cancellationToken).ConfigureAwait(false);
            if (outcome == TargetOutcome.Succeeded)
            {
                if (hash is not null) options.UpToDate!.RecordSuccess(spec.Name, hash);
                return new TargetResult(spec.Name, outcome, Elapsed(), null, attempt);
            }

            if (hash is not null) options.UpToDate!.Forget(spec.Name);
            if (outcome == TargetOutcome.Cancelled || attempt >= attempts || cancellationToken.IsCancellationRequested)
                return new TargetResult(spec.Name, outcome, Elapsed(), message, attempt);

            Console.Error($"{spec.Name} failed (attempt {attempt} of {attempts}): {message}. Retrying in {spec.Retry!.Delay.TotalSeconds:0.#} s.");
            try
            {
                await Task.Delay(spec.Retry.Delay, options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return new TargetResult(spec.Name, TargetOutcome.Cancelled, Elapsed(), "cancelled while waiting to retry", attempt);
            }
        }
    }

    private async Task<(TargetOutcome Outcome, string? Message)> RunBodyAsync(TargetSpec spec, CancellationToken cancellationToken)
    {
        using var timeout = spec.Timeout is { } t ? new CancellationTokenSource(t, options.TimeProvider) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (spec.Timeout is null)
                await RunActionsAsync(spec, linked.Token).ConfigureAwait(false);
            else
                await RunUntilDeadlineAsync(spec, linked.Token, timeout.Token).ConfigureAwait(false);
            return (TargetOutcome.Succeeded, null);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Cancellation wins over whatever the body reported while it was being stopped (e.g. exit code 130).
            return (TargetOutcome.Cancelled, "cancelled");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var message = $"timed out after {Format(spec.Timeout!.Value)}";
            Console.Error($"{spec.Name} {message}.");
            return (TargetOutcome.Failed, message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error($"{spec.Name} failed: {ex.GetType().Name}: {ex.Message}");
            if (FailureOrigin.IsForeign(ex)) Console.Error(FailureOrigin.Describe(ex));
            else Console.Debug(ex.ToString());
            return (TargetOutcome.Failed, ex.Message);
        }
    }

    private static async Task RunActionsAsync(TargetSpec spec, CancellationToken cancellationToken)
    {
        foreach (var action in spec.Actions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await action(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs the body on the thread pool and stops waiting shortly after the deadline, so a body that
    /// ignores its token (a blocking call) cannot hold the target: a cooperative body gets
    /// <see cref="SettleAfterDeadline"/> to finish, a stubborn one is left behind (its late failure observed).
    /// </summary>
    private async Task RunUntilDeadlineAsync(TargetSpec spec, CancellationToken bodyToken, CancellationToken deadline)
    {
        var body = Task.Run(() => RunActionsAsync(spec, bodyToken), CancellationToken.None);
        try
        {
            await body.WaitAsync(deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !body.IsCompleted)
        {
            try
            {
                await body.WaitAsync(SettleAfterDeadline, options.TimeProvider, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _ = body.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The body reacted to the deadline; the target timed out either way.
            }

            throw;
        }
    }

    private static readonly TimeSpan SettleAfterDeadline = TimeSpan.FromSeconds(1);

    private static string Format(TimeSpan t) => t.TotalSeconds < 1 ? $"{t.TotalMilliseconds:0} ms" : $"{t.TotalSeconds:0.##} s";
}
