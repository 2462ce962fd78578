using System.Globalization;
using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Analysis.Engine;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Analysis.Providers.Logs;
using ContainerCloudBuild.Rollouts.Analysis.Templates;

namespace ContainerCloudBuild.Rollouts.Analysis;

/// <summary>
/// The rollout core's <see cref="IAnalysisRunner"/> on top of the analysis engine: resolves the step's template
/// by name, renders it with the rollout's app/revision/backend/server, prints every measurement as it happens,
/// streams the candidate's logs (prefixed with its revision) while it is judged, and puts the last log lines in
/// every failure message.
/// </summary>
public sealed class RolloutAnalysisRunner : IAnalysisRunner, IDisposable
{
    private readonly IReadOnlyDictionary<string, IRolloutAnalysisTemplate> _templates;
    private readonly RolloutAnalysisOptions _options;
    private readonly AnalysisRunner _engine;
    private readonly IDisposable? _owned;

    public RolloutAnalysisRunner(IReadOnlyDictionary<string, IRolloutAnalysisTemplate> templates, RolloutAnalysisOptions options, IDisposable? owned = null)
    {
        _templates = templates ?? throw new ArgumentNullException(nameof(templates));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _engine = new AnalysisRunner(options.TimeProvider);
        _owned = owned;
    }

    public IReadOnlyCollection<string> TemplateNames => [.. _templates.Keys];

    public async Task<RolloutAnalysisResult> RunAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var revision = request.Candidate.Revision;
        if (!_templates.TryGetValue(request.Template, out var template))
            return Failed($"analysis template '{request.Template}' is unknown; known templates: {string.Join(", ", _templates.Keys.Order(StringComparer.Ordinal))}");
        var args = Args(request);
        var logs = _options.CandidateLogs?.Invoke(request.App, request.Candidate);
        IReadOnlyList<AnalysisMetric> metrics;
        try
        {
            metrics = template.Build(new AnalysisTemplateContext(request, args, logs, _options.TimeProvider));
        }
        catch (ArgumentException ex)
        {
            return Failed($"analysis template '{request.Template}' cannot be built: {ex.Message}");
        }
        Write($"[analysis {request.App}/{revision}] {request.Template}: {metrics.Count} metric(s): {string.Join("; ", metrics.Select(m => $"{m.Name} {m.ConditionText} every {m.Interval.TotalSeconds:0.###}s x{m.Count}, failure limit {m.FailureLimit}, no data {m.NoData}"))}");

        var streamer = logs is null ? null : new LogStreamer(logs, revision, Write, _options.TimeProvider, _options.LastLogLines);
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var streamTask = streamer?.RunAsync(request.Candidate.StartedAt ?? _options.TimeProvider.GetUtcNow(), _options.LogPollInterval, streaming.Token) ?? Task.CompletedTask;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = request.App, ["revision"] = revision, ["template"] = request.Template };
        var printer = new DelegateAnalysisObserver(m =>
        {
            Write(MeasurementMapping.Describe(request.App, revision, m));
            _options.OnMeasurement?.Invoke(m);
        });
        var observer = _options.Events is null ? (IAnalysisObserver)printer : new AnalysisEventObserver(_options.Events, fields, printer);
        AnalysisResult result;
        try
        {
            result = await _engine.RunAsync(metrics, args, observer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await StopStreamingAsync(streaming, streamTask).ConfigureAwait(false);
        }
        if (streamer is not null)
            await streamer.PollOnceAsync(cancellationToken).ConfigureAwait(false); // the lines written while the analysis ended
        (observer as AnalysisEventObserver)?.OnResult(result, _options.TimeProvider);
        var message = result.Message;
        if (!result.IsSuccessful && streamer?.Describe(_options.LastLogLines) is { Length: > 0 } tail)
            message += $"; {tail}";
        Write($"[analysis {request.App}/{revision}] {request.Template} {result.Outcome}: {message}");
        return new RolloutAnalysisResult(MeasurementMapping.ToRollout(result.Outcome), message, [.. result.Measurements.Select(MeasurementMapping.ToRollout)]);
    }

    /// <summary>app, revision, backend (= app), server (= revision), stable, candidateWeight, then the step's own args (which win).</summary>
    public static IReadOnlyDictionary<string, string> Args(AnalysisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var args = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app"] = request.App,
            ["revision"] = request.Candidate.Revision,
            ["backend"] = request.App,
            ["server"] = request.Candidate.Revision,
            ["stable"] = request.Stable?.Revision ?? "",
            ["candidateWeight"] = request.CandidateWeight.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in request.Args)
            args[key] = value;
        return args;
    }

    /// <summary>Stopping the streamer may cancel a read in flight; that is the expected end of streaming, not an error.</summary>
    private static async Task StopStreamingAsync(CancellationTokenSource streaming, Task streamTask)
    {
        await streaming.CancelAsync().ConfigureAwait(false);
        try
        {
            await streamTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (streaming.IsCancellationRequested)
        {
        }
    }

    private void Write(string line) => _options.Output?.Invoke(line);

    private static RolloutAnalysisResult Failed(string message) => new(AnalysisVerdict.Failed, message, []);

    public void Dispose() => _owned?.Dispose();
}
