using System.Text;
using ContainerCloudBuild.Abstractions.Resilience;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Analysis.Hooks;

/// <summary>Settings of a webhook: POSTs the event JSON; retries on network errors, timeouts and 5xx.</summary>
public sealed record WebhookOptions(string Name, Uri Url)
{
    public bool Gating { get; init; } = true;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a network error, a timeout or a 5xx answer (a 4xx is final).</summary>
    public RetryOptions Retry { get; init; } = new() { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(5) };
}

/// <summary>POSTs the hook event as JSON; a 2xx answer succeeds, anything else fails (after retries for 5xx).</summary>
public sealed class WebhookHook(HttpClient http, WebhookOptions options, SecretMasker masker, TimeProvider time) : IHook
{
    public string Name => options.Name;

    public bool Gating => options.Gating;

    public async Task<HookResult> RunAsync(HookPoint point, PipelineEvent e, CancellationToken cancellationToken)
    {
        var json = HookEventPayload.ToJson(point, masker.Apply(e));
        var attempts = 0;
        var pipeline = RetryPipelines.Create<Attempt>(options.Retry, outcome => outcome.Result is { Result: null, Retryable: true }, time);
        var last = await pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            return await PostOnceAsync(json, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return last.Result ?? new HookResult(Name, false, $"{last.Error} (after {attempts} attempt(s))", last.Status);
    }

    private async Task<Attempt> PostOnceAsync(string json, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(options.Url, content, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var approved = HookEventPayload.ReadApproval(body);
                return new Attempt(new HookResult(Name, true, $"webhook {options.Url} answered {status}{ApprovalText(approved)}", status, approved), "", status, false);
            }
            var error = $"webhook {options.Url} answered {status} {response.ReasonPhrase}: {Truncate(masker.Apply(body))}";
            return new Attempt(null, error, status, Retryable: status >= 500);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Attempt(null, $"webhook {options.Url} did not answer within {options.Timeout.TotalSeconds:0.###} s", null, true);
        }
        catch (HttpRequestException ex)
        {
            return new Attempt(null, $"webhook {options.Url} failed: {masker.Apply(ex.Message)}", null, true);
        }
    }

    private static string ApprovalText(bool? approved) => approved switch
    {
        true => " and approved",
        false => " and rejected",
        _ => "",
    };

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";

    /// <summary>One POST: the hook's result when final, or why it failed and whether another try may help.</summary>
    private sealed record Attempt(HookResult? Result, string Error, int? Status, bool Retryable);
}
