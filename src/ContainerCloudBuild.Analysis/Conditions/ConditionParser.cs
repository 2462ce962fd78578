using System.Globalization;

namespace ContainerCloudBuild.Analysis.Conditions;

/// <summary>Parses the small condition language; errors say what was wrong and what is accepted.</summary>
internal static class ConditionParser
{
    private const string Accepted = "Accepted forms: '>= 0.99', '> 0', '< 500', '<= 1', '== 0', '!= 1', 'between 0.9 and 1'.";

    private static readonly (string Symbol, ComparisonOperator Op)[] Operators =
    [
        (">=", ComparisonOperator.GreaterOrEqual), ("<=", ComparisonOperator.LessOrEqual),
        ("==", ComparisonOperator.Equal), ("!=", ComparisonOperator.NotEqual),
        (">", ComparisonOperator.GreaterThan), ("<", ComparisonOperator.LessThan),
    ];

    public static Condition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith("between ", StringComparison.OrdinalIgnoreCase))
            return ParseRange(text, trimmed["between ".Length..]);
        foreach (var (symbol, op) in Operators)
        {
            if (trimmed.StartsWith(symbol, StringComparison.Ordinal))
                return new ComparisonCondition(op, ParseNumber(text, trimmed[symbol.Length..]));
        }
        throw new FormatException($"Condition '{text}' has no operator. {Accepted}");
    }

    private static RangeCondition ParseRange(string text, string rest)
    {
        var parts = rest.Split(" and ", 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
            throw new FormatException($"Condition '{text}' is a range without 'and'. {Accepted}");
        var min = ParseNumber(text, parts[0]);
        var max = ParseNumber(text, parts[1]);
        if (min > max)
            throw new FormatException($"Condition '{text}' has its lower bound {min} above its upper bound {max}; write 'between {max} and {min}'.");
        return new RangeCondition(min, max);
    }

    private static double ParseNumber(string text, string number)
    {
        var trimmed = number.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value))
            return value;
        throw new FormatException($"Condition '{text}' has '{trimmed}' where a number was expected (use '.' as decimal point). {Accepted}");
    }
}
