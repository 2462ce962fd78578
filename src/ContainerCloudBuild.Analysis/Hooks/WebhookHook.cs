using System.Text;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Analysis.Hooks;

/// <summary>Settings of a webhook: POSTs the event JSON; retries on network errors, timeouts and 5xx.</summary>
public sealed record WebhookOptions(string Name, Uri Url)
{
    public bool Gating { get; init; } = true;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public int Retries { get; init; } = 2;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>POSTs the hook event as JSON; a 2xx answer succeeds, anything else fails (after retries for 5xx).</summary>
public sealed class WebhookHook(HttpClient http, WebhookOptions options, SecretMasker masker, TimeProvider time) : IHook
{
    public string Name => options.Name;

    public bool Gating => options.Gating;

    public async Task<HookResult> RunAsync(HookPoint point, PipelineEvent e, CancellationToken cancellationToken)
    {
        var json = HookEventPayload.ToJson(point, masker.Apply(e));
        var last = "";
        int? lastStatus = null;
        for (var attempt = 0; attempt <= options.Retries; attempt++)
        {
            if (attempt > 0)
                await Task.Delay(options.RetryDelay, time, cancellationToken).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            try
            {
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(options.Url, content, timeout.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                lastStatus = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    var approved = HookEventPayload.ReadApproval(body);
                    return new HookResult(Name, true, $"webhook {options.Url} answered {lastStatus}{ApprovalText(approved)}", lastStatus, approved);
                }
                last = $"webhook {options.Url} answered {lastStatus} {response.ReasonPhrase}: {Truncate(masker.Apply(body))}";
                if (lastStatus < 500)
                    break; // a 4xx will not get better by retrying
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = $"webhook {options.Url} did not answer within {options.Timeout.TotalSeconds:0.###} s";
            }
            catch (HttpRequestException ex)
            {
                last = $"webhook {options.Url} failed: {ex.Message}";
            }
        }
        return new HookResult(Name, false, $"{last} (after {options.Retries + 1} attempt(s) at most)", lastStatus);
    }

    private static string ApprovalText(bool? approved) => approved switch
    {
        true => " and approved",
        false => " and rejected",
        _ => "",
    };

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
