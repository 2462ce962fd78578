using ContainerCloudBuild.Analysis.Templating;
using ContainerCloudBuild.Prometheus.Templates;

namespace ContainerCloudBuild.Prometheus.Tests;

public sealed class MetricTemplateTests(PrometheusFixture fixture) : IClassFixture<PrometheusFixture>
{
    public static TheoryData<string> All => ["haproxy-success", "haproxy-latency", "nginx-success", "nginx-p99", "openshift-success", "openshift-latency"];

    private static MetricTemplate Get(string name) => name switch
    {
        "haproxy-success" => HaproxyTemplates.SuccessRate,
        "haproxy-latency" => HaproxyTemplates.ResponseTimeAverage,
        "nginx-success" => IngressNginxTemplates.SuccessRate,
        "openshift-success" => OpenShiftRouterTemplates.SuccessRate,
        "openshift-latency" => OpenShiftRouterTemplates.ResponseTimeAverage,
        _ => IngressNginxTemplates.LatencyP99,
    };

    private static readonly Dictionary<string, string> Args = new()
    {
        ["backend"] = "app", ["server"] = "canary", ["namespace"] = "shop", ["ingress"] = "web", ["route"] = "web", ["service"] = "web-v2", ["interval"] = "30s",
    };

    [Fact]
    public void HaproxySuccessRate_Renders_OneMinusFiveXxOverAll()
    {
        var query = QueryTemplate.Render(HaproxyTemplates.SuccessRate.Query, Args);
        Assert.Equal(
            "1 - (sum(rate(haproxy_server_http_responses_total{proxy=\"app\",server=~\"canary(:[0-9]+)?\",code=\"5xx\"}[30s]))"
            + " / sum(rate(haproxy_server_http_responses_total{proxy=\"app\",server=~\"canary(:[0-9]+)?\"}[30s])))", query);
    }

    [Fact]
    public void NginxP99_IsARealHistogramQuantile()
    {
        var query = QueryTemplate.Render(IngressNginxTemplates.LatencyP99.Query, Args);
        Assert.Equal(
            "histogram_quantile(0.99, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket{namespace=\"shop\",ingress=\"web\",canary!=\"\"}[30s])))",
            query);
    }

    [Fact]
    public void OpenShiftSuccessRate_Renders_CanaryServiceOfTheRoute()
    {
        var query = QueryTemplate.Render(OpenShiftRouterTemplates.SuccessRate.Query, Args);
        Assert.Equal(
            "1 - (sum(rate(haproxy_server_http_responses_total{namespace=\"shop\",route=\"web\",service=\"web-v2\",code=\"5xx\"}[30s]))"
            + " / sum(rate(haproxy_server_http_responses_total{namespace=\"shop\",route=\"web\",service=\"web-v2\"}[30s])))", query);
        Assert.Equal(">= 0.99", OpenShiftRouterTemplates.SuccessRate.DefaultSuccess.ToString());
    }

    [Fact]
    public void OpenShiftLatency_IsAnAverageInSeconds()
    {
        var query = QueryTemplate.Render(OpenShiftRouterTemplates.ResponseTimeAverage.Query, Args);
        Assert.Equal(
            "avg(avg_over_time(haproxy_server_http_average_response_latency_milliseconds{namespace=\"shop\",route=\"web\",service=\"web-v2\"}[30s])) / 1000", query);
        Assert.EndsWith("_average_seconds", OpenShiftRouterTemplates.ResponseTimeAverage.Name, StringComparison.Ordinal);
        Assert.Contains("not a percentile", OpenShiftRouterTemplates.ResponseTimeAverage.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void HaproxyLatency_IsHonestlyNamedAnAverage()
    {
        Assert.Equal("haproxy_server_response_time_average_seconds", HaproxyTemplates.ResponseTimeAverage.Name);
        Assert.Contains("not a percentile", HaproxyTemplates.ResponseTimeAverage.Description, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Template_RenderedQuery_IsValidPromQlWithNoDataWithoutTraffic(string name)
    {
        fixture.Require();
        var template = Get(name);
        Assert.All(template.Arguments, a => Assert.Contains("{{" + a + "}}", template.Query, StringComparison.Ordinal));
        var result = await fixture.Client.QueryAsync(QueryTemplate.Render(template.Query, Args), null, TestContext.Current.CancellationToken);
        Assert.Equal("vector", result.ResultType);
        Assert.Empty(result.Samples); // nothing scraped: no data, never a pass
    }
}
