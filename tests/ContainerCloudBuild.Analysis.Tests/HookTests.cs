using System.Text.Json;
using ContainerCloudBuild.Abstractions.Resilience;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Analysis.Hooks;
using ContainerCloudBuild.Analysis.Tests.Support;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Analysis.Tests;

public sealed class HookTests : IDisposable
{
    private const string Secret = "s3cr3t-T0ken!";
    private readonly TestHttpServer server = new();
    private readonly HttpClient http = new();
    private readonly SecretMasker masker = new([Secret]);

    private PipelineEvent Event() => PipelineEvent.Create(TimeProvider.System, "rollout.promote", $"promoting shop r2 with token {Secret}",
        ("app", "shop"), ("revision", "r2"), ("password", Secret));

    private WebhookHook Webhook(bool gating = true, int retries = 0) =>
        new(http, new WebhookOptions("notify", new Uri(server.BaseAddress, "hook")) { Gating = gating, Retry = new RetryOptions { MaxAttempts = retries + 1, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(40) } },
            masker, TimeProvider.System);

    private static HookRunner Runner(HookPoint point, params IHook[] hooks) =>
        new(new Dictionary<HookPoint, IReadOnlyList<IHook>> { [point] = hooks }, TimeProvider.System);

    [Fact]
    public async Task PrePromotion_FailingGatingWebhook_BlocksWithStatusAndBody()
    {
        server.Respond = (_, _) => (403, "change freeze until Monday");
        var result = await Runner(HookPoint.PrePromotion, Webhook()).RunAsync(HookPoint.PrePromotion, Event(), TestContext.Current.CancellationToken);
        Assert.False(result.Allowed);
        Assert.Contains("gating hook 'notify' failed", result.Message, StringComparison.Ordinal);
        Assert.Contains("403", result.Message, StringComparison.Ordinal);
        Assert.Contains("change freeze until Monday", result.Message, StringComparison.Ordinal);
        Assert.Single(server.Received); // 4xx is not retried
    }

    [Fact]
    public async Task PrePromotion_NonGatingFailure_DoesNotBlock()
    {
        server.Respond = (_, _) => (500, "oops");
        var result = await Runner(HookPoint.PrePromotion, Webhook(gating: false)).RunAsync(HookPoint.PrePromotion, Event(), TestContext.Current.CancellationToken);
        Assert.True(result.Allowed);
        Assert.False(Assert.Single(result.Results).Succeeded);
    }

    [Fact]
    public async Task Webhook_PostsRedactedEventJson()
    {
        var result = await Webhook().RunAsync(HookPoint.PrePromotion, Event(), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded);
        var request = Assert.Single(server.Received);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, request.Body, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(request.Body);
        Assert.Equal("PrePromotion", doc.RootElement.GetProperty("hook").GetString());
        var e = doc.RootElement.GetProperty("event");
        Assert.Equal("rollout.promote", e.GetProperty("type").GetString());
        Assert.Equal("r2", e.GetProperty("fields").GetProperty("revision").GetString());
        Assert.Equal("***", e.GetProperty("fields").GetProperty("password").GetString());
    }

    [Theory]
    [InlineData("""{"approved": true}""", true, true)]
    [InlineData("""{"approved": false}""", false, false)]
    [InlineData("""{}""", true, false)]
    public async Task PrePromotion_GatingWebhookAnswer_ApprovesOrRejects(string answer, bool allowed, bool approved)
    {
        server.Respond = (_, _) => (200, answer);
        var result = await Runner(HookPoint.PrePromotion, Webhook()).RunAsync(HookPoint.PrePromotion, Event(), TestContext.Current.CancellationToken);
        Assert.Equal(allowed, result.Allowed);
        Assert.Equal(approved, result.Approved);
    }

    [Fact]
    public async Task Webhook_ServerErrorThenOk_IsRetried()
    {
        server.Respond = (_, i) => i == 0 ? (500, "busy") : (200, "{}");
        var result = await Webhook(retries: 2).RunAsync(HookPoint.OnComplete, Event(), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task Webhook_Timeout_FailsSayingSo()
    {
        server.Delay = TimeSpan.FromSeconds(2);
        var hook = new WebhookHook(http, new WebhookOptions("slow", server.BaseAddress) { Timeout = TimeSpan.FromMilliseconds(200), Retry = new RetryOptions { MaxAttempts = 1 } },
            masker, TimeProvider.System);
        var result = await hook.RunAsync(HookPoint.PreRollout, Event(), TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        Assert.Contains("did not answer within 0.2 s", result.Message, StringComparison.Ordinal);
    }

    private static CommandHook Command(string script, TimeSpan? timeout = null) =>
        new(new CommandHookOptions("cmd", "/bin/sh", ["-c", script]) { Timeout = timeout ?? TimeSpan.FromSeconds(10) }, new SecretMasker([Secret]));

    [Fact]
    public async Task Command_ReadsRedactedEventOnStdin_ExitZeroSucceeds()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("event.json");
        var result = await Command($"cat > '{file}'").RunAsync(HookPoint.PostPromotion, Event(), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(0, result.Code);
        var json = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(Secret, json, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("PostPromotion", doc.RootElement.GetProperty("hook").GetString());
    }

    [Fact]
    public async Task Command_NonZeroExit_FailsWithCodeAndRedactedStderr()
    {
        var result = await Command($"echo 'rejected: {Secret} is expired' >&2; exit 3").RunAsync(HookPoint.PrePromotion, Event(), TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Code);
        Assert.Contains("exited with 3", result.Message, StringComparison.Ordinal);
        Assert.Contains("rejected: *** is expired", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_ApprovalOnStdout_Approves()
    {
        var result = await Runner(HookPoint.PrePromotion, Command("cat >/dev/null; echo '{\"approved\": true}'"))
            .RunAsync(HookPoint.PrePromotion, Event(), TestContext.Current.CancellationToken);
        Assert.True(result.Approved);
    }

    [Fact]
    public async Task Command_Timeout_IsKilledAndFails()
    {
        var started = DateTime.UtcNow;
        var result = await Command("sleep 30", TimeSpan.FromMilliseconds(300)).RunAsync(HookPoint.OnAbort, Event(), TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        Assert.Contains("did not finish within 0.3 s and was killed", result.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Command_MissingExecutable_FailsSayingHowToFix()
    {
        var hook = new CommandHook(new CommandHookOptions("cmd", "/nonexistent/hook.sh", []), new SecretMasker());
        var result = await hook.RunAsync(HookPoint.PreRollout, Event(), TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        Assert.Contains("could not start", result.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        http.Dispose();
        server.Dispose();
    }
}
