using ContainerCloudBuild.Harbor.Api;
using Microsoft.Extensions.Logging;
using RestSharp;

namespace ContainerCloudBuild.Harbor;

public sealed partial class HarborClient
{
    /// <summary>Asks Harbor to scan the artifact for vulnerabilities (<c>POST .../scan</c>, 202 Accepted).</summary>
    public async Task ScanAsync(string project, string repository, string reference, CancellationToken cancellationToken)
    {
        ValidateArtifactArgs(project, repository, reference);
        var call = new HarborCall("scanArtifact", $"scan {project}/{repository}@{reference}", project, "scan", "create");
        var body = HarborJson.Serialize(new ScanTypeDto("vulnerability"));
        await SendAsync(
            () => new RestRequest(HarborPaths.Artifact(project, repository, reference) + "/scan", Method.Post)
                .AddStringBody(body, ContentType.Json),
            call, cancellationToken).ConfigureAwait(false);
        LogScanRequested(project, repository, reference);
    }

    /// <summary>
    /// Polls the artifact's scan overview every <see cref="HarborClientOptions.ScanPollInterval"/>
    /// until the scan finished (Success, Error or Stopped) and returns it. Throws
    /// <see cref="HarborScanTimeoutException"/> with the last status seen after <paramref name="timeout"/>.
    /// </summary>
    public async Task<ScanOverview> WaitForScanAsync(string project, string repository, string reference,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var last = ScanOverview.None;
        var polls = 0;
        while (true)
        {
            var artifact = await GetArtifactAsync(project, repository, reference, cancellationToken).ConfigureAwait(false);
            last = artifact.Scan;
            polls++;
            if (last.IsFinished)
            {
                LogScanFinished(project, repository, reference, last.Status, polls);
                return last;
            }

            var remaining = timeout - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                var name = $"{project}/{repository}@{reference}";
                throw new HarborScanTimeoutException(
                    $"The Harbor scan of {name} did not finish within {timeout} ({polls} polls); last status: '{last.Status}'" +
                    (last.CompletePercent is { } p ? $" ({p}% complete)" : "") +
                    ". Check the scanner (Interrogation Services) in Harbor or raise the timeout.",
                    name, last.Status, timeout);
            }

            LogScanPending(project, repository, reference, last.Status);
            var wait = remaining < _options.ScanPollInterval ? remaining : _options.ScanPollInterval;
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Triggers a scan and waits for its result.</summary>
    public async Task<ScanOverview> ScanAndWaitAsync(string project, string repository, string reference,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        await ScanAsync(project, repository, reference, cancellationToken).ConfigureAwait(false);
        return await WaitForScanAsync(project, repository, reference, timeout, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Harbor scan requested for {Project}/{Repository}@{Reference}")]
    private partial void LogScanRequested(string project, string repository, string reference);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Harbor scan of {Project}/{Repository}@{Reference} is {Status}")]
    private partial void LogScanPending(string project, string repository, string reference, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Harbor scan of {Project}/{Repository}@{Reference} finished: {Status} after {Polls} polls")]
    private partial void LogScanFinished(string project, string repository, string reference, string status, int polls);
}
