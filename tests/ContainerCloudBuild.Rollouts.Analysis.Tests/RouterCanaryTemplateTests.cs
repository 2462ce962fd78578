using ContainerCloudBuild.Prometheus.Templates;
using ContainerCloudBuild.Rollouts.Analysis.Templates;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.Analysis.Tests;

/// <summary>The cluster router templates judged through a real Prometheus scraping a router-shaped exporter on loopback.</summary>
public sealed class RouterCanaryTemplateTests(RouterPrometheusFixture fixture) : IClassFixture<RouterPrometheusFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Templates => new()
    {
        { RouterCanaryTemplate.NginxName, IngressNginxTemplates.SuccessRate.Name },
        { RouterCanaryTemplate.OpenShiftRouterName, OpenShiftRouterTemplates.SuccessRate.Name },
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task RouterCanaryTemplate_CanaryAnswers2xxWhileStableFails_Passes(string template, string successMetric)
    {
        fixture.Require();
        var ns = $"{template}-ok";
        fixture.Exporter.Canary(ns, failing: false);
        await fixture.WaitForScrapesAsync(ns, 4, Ct);
        using var runner = Runner();

        var result = await runner.RunAsync(Request(template, ns), Ct);

        Assert.True(result.Verdict == AnalysisVerdict.Successful, result.Message);
        var rates = result.Measurements.Where(m => m.Metric == successMetric).ToList();
        Assert.Equal(3, rates.Count);
        Assert.All(rates, m => Assert.Equal(1.0, m.Value));
        Assert.Equal(6, result.Measurements.Count);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task RouterCanaryTemplate_CanaryTurnsTo5xx_FailsNamingTheSuccessRate(string template, string successMetric)
    {
        fixture.Require();
        var ns = $"{template}-bad";
        fixture.Exporter.Canary(ns, failing: false);
        await fixture.WaitForScrapesAsync(ns, 4, Ct);
        fixture.Exporter.Canary(ns, failing: true);
        using var runner = Runner();

        var result = await runner.RunAsync(Request(template, ns), Ct);

        Assert.Equal(AnalysisVerdict.Failed, result.Verdict);
        Assert.Contains(successMetric, result.Message, StringComparison.Ordinal);
        var failed = Assert.Single(result.Measurements, m => m.Verdict == AnalysisVerdict.Failed);
        Assert.Equal(successMetric, failed.Metric);
        Assert.True(failed.Value < 0.99, $"success rate {failed.Value}");
    }

    [Fact]
    public async Task RouterCanaryTemplate_WithoutTheRoutersArguments_FailsNamingThem()
    {
        using var runner = Runner();

        var result = await runner.RunAsync(
            new AnalysisRequest("web", RouterCanaryTemplate.OpenShiftRouterName, new Dictionary<string, string> { ["namespace"] = "shop" }, null, Candidate, 20), Ct);

        Assert.Equal(AnalysisVerdict.Failed, result.Verdict);
        Assert.Contains("needs the argument(s) route, service", result.Message, StringComparison.Ordinal);
    }

    private static readonly RevisionInfo Candidate = new() { Revision = "v2", Image = "img:v2" };

    private static AnalysisRequest Request(string template, string ns) => new("web", template, new Dictionary<string, string>
    {
        ["namespace"] = ns,
        ["ingress"] = RouterExporter.Ingress,
        ["route"] = RouterExporter.Route,
        ["service"] = RouterExporter.CanaryService,
    }, new RevisionInfo { Revision = "v1", Image = "img:v1" }, Candidate, 20);

    private RolloutAnalysisRunner Runner() => RolloutAnalysis.ForPrometheus(SafeUrl(), new RolloutAnalysisOptions
        {
            RouterCanary = new HaproxyCanaryOptions
            {
                Interval = TimeSpan.FromSeconds(1), Count = 3, InitialDelay = TimeSpan.Zero, Window = TimeSpan.FromSeconds(3), FailureLimit = 0,
            },
        });

    /// <summary>The fixture's Prometheus, or (for the argument check, which queries nothing) any loopback URL when Prometheus is not installed.</summary>
    private Uri SafeUrl()
    {
        try { return fixture.PrometheusUrl; }
        catch (InvalidOperationException) { return new Uri("http://127.0.0.1:9/"); }
    }
}
