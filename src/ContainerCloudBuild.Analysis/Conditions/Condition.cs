using System.Globalization;

namespace ContainerCloudBuild.Analysis.Conditions;

/// <summary>The comparison operators a condition may use.</summary>
public enum ComparisonOperator { GreaterThan, GreaterOrEqual, LessThan, LessOrEqual, Equal, NotEqual }

/// <summary>
/// A judgement on one measured value, e.g. <c>&gt;= 0.99</c>, <c>&lt; 500</c> or <c>between 0.9 and 1</c>.
/// NaN never meets a condition: NaN is "no data", which the no-data policy handles.
/// </summary>
public abstract record Condition
{
    /// <summary>The condition as the user wrote it (normalised), used in every message.</summary>
    public abstract string Text { get; }

    /// <summary>True when <paramref name="value"/> satisfies the condition; always false for NaN.</summary>
    public abstract bool IsMetBy(double value);

    /// <summary>Parses <c>&gt;= 0.99</c>, <c>&lt; 500</c>, <c>== 0</c>, <c>!= 1</c>, <c>between 0.9 and 1</c>.</summary>
    public static Condition Parse(string text) => ConditionParser.Parse(text);

    public sealed override string ToString() => Text;

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary><c>value OP threshold</c>.</summary>
public sealed record ComparisonCondition(ComparisonOperator Operator, double Threshold) : Condition
{
    public override string Text => $"{Symbol(Operator)} {Format(Threshold)}";

    public override bool IsMetBy(double value) => !double.IsNaN(value) && Operator switch
    {
        ComparisonOperator.GreaterThan => value > Threshold,
        ComparisonOperator.GreaterOrEqual => value >= Threshold,
        ComparisonOperator.LessThan => value < Threshold,
        ComparisonOperator.LessOrEqual => value <= Threshold,
        ComparisonOperator.Equal => value == Threshold,
        ComparisonOperator.NotEqual => value != Threshold,
        _ => false,
    };

    internal static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Equal => "==",
        _ => "!=",
    };
}

/// <summary><c>between Min and Max</c>, both ends inclusive.</summary>
public sealed record RangeCondition(double Min, double Max) : Condition
{
    public override string Text => $"between {Format(Min)} and {Format(Max)}";

    public override bool IsMetBy(double value) => !double.IsNaN(value) && value >= Min && value <= Max;
}
