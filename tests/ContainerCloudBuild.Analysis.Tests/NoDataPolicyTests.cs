using ContainerCloudBuild.Analysis.Conditions;
using ContainerCloudBuild.Analysis.Engine;
using ContainerCloudBuild.Analysis.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ContainerCloudBuild.Analysis.Tests;

public class NoDataPolicyTests
{
    [Theory]
    [InlineData(NoDataPolicy.Fail, MeasurementVerdict.Failed, "counted as a failure")]
    [InlineData(NoDataPolicy.Pause, MeasurementVerdict.NoData, "Pause")]
    [InlineData(NoDataPolicy.Pass, MeasurementVerdict.NoData, "policy is Pass")]
    public void JudgeNoData_Policy_GivesVerdict(NoDataPolicy policy, MeasurementVerdict verdict, string text)
    {
        var (actual, message) = MeasurementJudge.JudgeNoData(policy, "empty");
        Assert.Equal(verdict, actual);
        Assert.Contains(text, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_Policy_IsFail() => Assert.Equal(NoDataPolicy.Fail, new AnalysisMetric("m", new ScriptedProvider()).NoData);

    private static ProviderReading Reading(string kind) => kind switch
    {
        "empty" => ProviderReading.Of(),
        "nan" => ProviderReading.Of(double.NaN),
        _ => new ProviderReading(ReadingKind.Values, [double.NaN, double.NaN], null),
    };

    [Theory]
    [InlineData(NoDataPolicy.Fail, AnalysisOutcome.Failed, "empty")]
    [InlineData(NoDataPolicy.Fail, AnalysisOutcome.Failed, "nan")]
    [InlineData(NoDataPolicy.Fail, AnalysisOutcome.Failed, "allnan")]
    [InlineData(NoDataPolicy.Pause, AnalysisOutcome.Inconclusive, "empty")]
    [InlineData(NoDataPolicy.Pause, AnalysisOutcome.Inconclusive, "nan")]
    [InlineData(NoDataPolicy.Pass, AnalysisOutcome.Successful, "empty")]
    [InlineData(NoDataPolicy.Pass, AnalysisOutcome.Successful, "allnan")]
    public async Task RunAsync_NoData_FollowsPolicy(NoDataPolicy policy, AnalysisOutcome expected, string kind)
    {
        var metric = new AnalysisMetric("ratio", new ScriptedProvider(Reading(kind)))
        {
            SuccessCondition = Condition.Parse(">= 0.99"),
            Count = 3,
            Interval = TimeSpan.FromSeconds(1),
            FailureLimit = 1,
            NoData = policy,
        };
        var time = new FakeTimeProvider();
        var run = new AnalysisRunner(time).RunAsync([metric], new Dictionary<string, string>(), DelegateAnalysisObserver.None, TestContext.Current.CancellationToken);
        var result = await FakeTime.Drive(time, run, TimeSpan.FromMilliseconds(250));
        Assert.Equal(expected, result.Outcome);
        Assert.All(result.Measurements, m => Assert.NotEqual(MeasurementVerdict.Successful, m.Verdict));
        Assert.Contains("no data", result.Message + string.Join(" ", result.Measurements.Select(m => m.Message)), StringComparison.Ordinal);
        var expectedCount = policy switch { NoDataPolicy.Pause => 1, NoDataPolicy.Fail => 2, _ => 3 };
        Assert.Equal(expectedCount, result.Measurements.Count);
    }
}
