using System.Threading.Channels;
using ContainerCloudBuild.Abstractions.Resilience;
using ContainerCloudBuild.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace ContainerCloudBuild.Analysis.Events;

/// <summary>
/// Ships events to a sink in the background: redacts secrets on <see cref="Publish"/> (before anything is
/// buffered), batches, retries failed batches per <see cref="EventShipperOptions.Retry"/>, and keeps a bounded buffer that drops
/// the oldest events when full. <see cref="DisposeAsync"/> sends what is left.
/// </summary>
public sealed class EventShipper : IAsyncDisposable
{
    private readonly IEventSink sink;
    private readonly SecretMasker masker;
    private readonly EventShipperOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Channel<PipelineEvent> buffer;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private readonly ResiliencePipeline retries;
    private long dropped;
    private long sent;
    private long failedBatches;

    public EventShipper(IEventSink sink, SecretMasker masker, EventShipperOptions options, TimeProvider timeProvider, ILogger<EventShipper>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.sink = sink;
        this.masker = masker;
        this.options = options;
        time = timeProvider;
        this.logger = logger ?? NullLogger<EventShipper>.Instance;
        retries = RetryPipelines.Create(options.Retry, ex => IsTransient(ex, stopping.Token), timeProvider, LogRetry);
        buffer = Channel.CreateBounded<PipelineEvent>(
            new BoundedChannelOptions(options.BufferCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref dropped));
        loop = Task.Run(() => RunAsync(stopping.Token));
    }

    public long Dropped => Interlocked.Read(ref dropped);

    public long Sent => Interlocked.Read(ref sent);

    public long FailedBatches => Interlocked.Read(ref failedBatches);

    /// <summary>Masks secrets in and buffers an event; never blocks. False once the shipper is disposed.</summary>
    public bool Publish(PipelineEvent e) => buffer.Writer.TryWrite(masker.Apply(e));

    /// <summary>Stops accepting events and sends everything buffered (with retries) before returning.</summary>
    public async ValueTask DisposeAsync()
    {
        buffer.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = buffer.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var batch = new List<PipelineEvent>(options.BatchSize);
            var deadline = time.GetUtcNow() + options.FlushInterval;
            while (batch.Count < options.BatchSize)
            {
                if (reader.TryRead(out var e))
                {
                    batch.Add(e);
                    continue;
                }
                var wait = deadline - time.GetUtcNow();
                if (wait <= TimeSpan.Zero || reader.Completion.IsCompleted)
                    break;
                using var timeout = new CancellationTokenSource(wait, time);
                try
                {
                    if (!await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                        break;
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    break;
                }
            }
            if (batch.Count > 0)
                await SendWithRetriesAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendWithRetriesAsync(List<PipelineEvent> batch, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            await retries.ExecuteAsync(async token =>
            {
                attempts++;
                await sink.WriteAsync(batch, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref sent, batch.Count);
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            Interlocked.Increment(ref failedBatches);
            logger.LogWarning(ex, "Event sink {Sink} failed {Attempts} times; dropping a batch of {Count} events", sink.Name, attempts, batch.Count);
        }
    }

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) =>
        ex is EventSinkException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested;

    private void LogRetry(RetryAttempt retry) =>
        logger.LogInformation("Event sink {Sink} failed ({Error}); attempt {Attempt} of {MaxAttempts} in {Delay}",
            sink.Name, retry.Exception?.Message, retry.FailedAttempt + 1, retry.MaxAttempts, retry.Delay);
}
