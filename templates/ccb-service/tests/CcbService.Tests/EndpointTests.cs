using System.Net;
using Microsoft.AspNetCore.Builder;

namespace CcbService.Tests;

/// <summary>Starts the real application on a free loopback port and calls its endpoints over HTTP.</summary>
public sealed class EndpointTests : IAsyncLifetime
{
    private readonly WebApplication _app = ServiceApp.Create(["--urls", "http://127.0.0.1:0"]);
    private readonly HttpClient _client = new();

    public async ValueTask InitializeAsync()
    {
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _client.BaseAddress = new Uri(_app.Urls.Single());
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/ready")]
    public async Task Get_HealthAndReadiness_AnswerOk(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterRequests_CountsThemByPathAndCode()
    {
        using (await _client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken)) { }

        var text = await _client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("http_requests_total{path=\"/healthz\",code=\"200\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_count", text, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync(TestContext.Current.CancellationToken);
        await _app.DisposeAsync();
    }
}
