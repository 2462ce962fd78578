using ContainerCloudBuild.Analysis.Conditions;

namespace ContainerCloudBuild.Analysis.Tests;

public class ConditionTests
{
    [Theory]
    [InlineData(">= 0.99", 0.99, true)]
    [InlineData(">= 0.99", 0.9899, false)]
    [InlineData("> 0", 0, false)]
    [InlineData("> 0", 0.001, true)]
    [InlineData("< 500", 499.9, true)]
    [InlineData("< 500", 500, false)]
    [InlineData("<= 1", 1, true)]
    [InlineData("== 0", 0, true)]
    [InlineData("== 0", 1, false)]
    [InlineData("!= 1", 0, true)]
    [InlineData("!= 1", 1, false)]
    [InlineData("between 0.9 and 1", 0.9, true)]
    [InlineData("between 0.9 and 1", 1, true)]
    [InlineData("between 0.9 and 1", 0.89, false)]
    [InlineData("between 0.9 and 1", 1.01, false)]
    [InlineData("  >=1e-3 ", 0.001, true)]
    [InlineData("BETWEEN -1 and 1", -0.5, true)]
    public void IsMetBy_Value_MatchesComparison(string text, double value, bool expected) =>
        Assert.Equal(expected, Condition.Parse(text).IsMetBy(value));

    [Theory]
    [InlineData(">= 0.99")]
    [InlineData("< 500")]
    [InlineData("!= 1")]
    [InlineData("between 0.9 and 1")]
    public void IsMetBy_NaN_NeverMet(string text) => Assert.False(Condition.Parse(text).IsMetBy(double.NaN));

    [Fact]
    public void IsMetBy_Infinity_ComparesAsNumber()
    {
        Assert.True(Condition.Parse("> 1000").IsMetBy(double.PositiveInfinity));
        Assert.False(Condition.Parse("< 1000").IsMetBy(double.PositiveInfinity));
    }

    [Fact]
    public void Parse_Comparison_NormalisesText()
    {
        Assert.Equal(">= 0.99", Condition.Parse(">=0.99").Text);
        Assert.Equal(new ComparisonCondition(ComparisonOperator.LessThan, 500), Condition.Parse("<500"));
        Assert.Equal("between 0.9 and 1", Condition.Parse("between 0.9  and 1").Text);
    }

    [Theory]
    [InlineData("0.99", "no operator")]
    [InlineData(">= abc", "'abc' where a number was expected")]
    [InlineData(">= 0,5", "'0,5' where a number was expected")]
    [InlineData("between 1 and 0.9", "lower bound 1 above its upper bound 0.9")]
    [InlineData("between 1", "without 'and'")]
    [InlineData(">= NaN", "where a number was expected")]
    public void Parse_Invalid_ThrowsSayingWhatIsWrong(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => Condition.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
    }
}
