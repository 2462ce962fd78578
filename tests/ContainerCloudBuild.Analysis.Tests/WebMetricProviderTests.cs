using ContainerCloudBuild.Analysis.Conditions;
using ContainerCloudBuild.Analysis.Engine;
using ContainerCloudBuild.Analysis.Providers.Web;
using ContainerCloudBuild.Analysis.Tests.Support;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Analysis.Tests;

public sealed class WebMetricProviderTests : IDisposable
{
    private readonly TestHttpServer server = new();
    private readonly HttpClient http = new();

    private static readonly Dictionary<string, string> Args = new() { ["app"] = "shop app", ["revision"] = "r2" };

    private static MetricQuery Query(TimeSpan? interval = null) => new("web", "", interval ?? TimeSpan.FromSeconds(1), Args);

    [Fact]
    public async Task MeasureAsync_JsonPath_ReadsFieldFromRenderedUrl()
    {
        server.Respond = (_, _) => (200, """{"data":{"ratio":0.97,"list":[{"v":"3"}]}}""");
        var provider = new WebMetricProvider(http, new WebMetricOptions(server.BaseAddress + "check/{{app}}?rev={{revision}}") { JsonPath = "$.data.ratio" });
        var reading = await provider.MeasureAsync(Query(), TestContext.Current.CancellationToken);
        Assert.Equal(ReadingKind.Values, reading.Kind);
        Assert.Equal(0.97, Assert.Single(reading.Values));
        Assert.Equal("/check/shop%20app?rev=r2", server.Received[0].Path);

        var nested = new WebMetricProvider(http, new WebMetricOptions(server.BaseAddress.ToString()) { JsonPath = "$.data.list[0].v" });
        Assert.Equal(3, Assert.Single((await nested.MeasureAsync(Query(), TestContext.Current.CancellationToken)).Values));
    }

    [Fact]
    public async Task MeasureAsync_Post_SendsRenderedJsonBody()
    {
        server.Respond = (_, _) => (200, """{"ok":true}""");
        var provider = new WebMetricProvider(http, new WebMetricOptions(server.BaseAddress.ToString())
        {
            Method = HttpMethod.Post,
            Body = """{"app":"{{app}}"}""",
            JsonPath = "$.ok",
        });
        var reading = await provider.MeasureAsync(Query(), TestContext.Current.CancellationToken);
        Assert.Equal(1, Assert.Single(reading.Values));
        Assert.Equal("POST", server.Received[0].Method);
        Assert.Equal("""{"app":"shop app"}""", server.Received[0].Body);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(503, false)]
    public async Task MeasureAsync_StatusCode_IsJudgedByCondition(int status, bool passes)
    {
        server.Respond = (_, _) => (status, "");
        var provider = new WebMetricProvider(http, new WebMetricOptions(server.BaseAddress + "healthz"));
        var metric = new AnalysisMetric("health", provider) { SuccessCondition = Condition.Parse("between 200 and 299") };
        var result = await new AnalysisRunner(TimeProvider.System).RunAsync([metric], Args, DelegateAnalysisObserver.None, TestContext.Current.CancellationToken);
        Assert.Equal(passes ? AnalysisOutcome.Successful : AnalysisOutcome.Failed, result.Outcome);
        Assert.Equal(status, Assert.Single(result.Measurements).Values[0]);
    }

    [Fact]
    public async Task MeasureAsync_MissingOrNullField_IsNoData()
    {
        server.Respond = (_, _) => (200, """{"data":{"ratio":null}}""");
        var provider = new WebMetricProvider(http, new WebMetricOptions(server.BaseAddress.ToString()) { JsonPath = "$.data.ratio" });
        var reading = await provider.MeasureAsync(Query(), TestContext.Current.CancellationToken);
        Assert.Equal(ReadingKind.NoData, reading.Kind);
        var missing = new WebMetricProvider(http, new WebMetricOptions(server.BaseAddress.ToString()) { JsonPath = "$.data.other" });
        Assert.Equal(ReadingKind.NoData, (await missing.MeasureAsync(Query(), TestContext.Current.CancellationToken)).Kind);
    }

    [Fact]
    public async Task MeasureAsync_ErrorStatusWithJsonPath_IsProviderErrorWithBody()
    {
        server.Respond = (_, _) => (500, "database down");
        var provider = new WebMetricProvider(http, new WebMetricOptions(server.BaseAddress.ToString()) { JsonPath = "$.x" });
        var reading = await provider.MeasureAsync(Query(), TestContext.Current.CancellationToken);
        Assert.Equal(ReadingKind.Error, reading.Kind);
        Assert.Contains("500", reading.Message, StringComparison.Ordinal);
        Assert.Contains("database down", reading.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeasureAsync_SlowServer_IsTimeoutError()
    {
        server.Delay = TimeSpan.FromSeconds(2);
        var provider = new WebMetricProvider(http, new WebMetricOptions(server.BaseAddress.ToString()) { Timeout = TimeSpan.FromMilliseconds(200) });
        var reading = await provider.MeasureAsync(Query(), TestContext.Current.CancellationToken);
        Assert.Equal(ReadingKind.Error, reading.Kind);
        Assert.Contains("did not answer within 0.2 s", reading.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeasureAsync_NothingListening_IsProviderError()
    {
        var port = ContainerCloudBuild.Testing.FreePort.Next();
        var provider = new WebMetricProvider(http, new WebMetricOptions($"http://127.0.0.1:{port}/"));
        var reading = await provider.MeasureAsync(Query(), TestContext.Current.CancellationToken);
        Assert.Equal(ReadingKind.Error, reading.Kind);
        Assert.Contains($"127.0.0.1:{port}", reading.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        http.Dispose();
        server.Dispose();
    }
}
