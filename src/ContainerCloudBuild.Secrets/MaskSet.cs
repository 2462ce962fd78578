using System.Buffers;
using System.Text;

namespace ContainerCloudBuild.Secrets;

/// <summary>
/// An immutable set of values to mask, with its multi-string searcher built once. Every character that belongs to
/// an occurrence of any value is masked; overlapping occurrences become one mask, so no part of either leaks.
/// </summary>
internal sealed class MaskSet
{
    private readonly string[] _longestFirst;
    private readonly SearchValues<string> _search;

    private MaskSet(string[] values)
    {
        _longestFirst = [.. values.OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal)];
        _search = SearchValues.Create(_longestFirst, StringComparison.Ordinal);
    }

    public static MaskSet Empty { get; } = new([]);

    public int Count => _longestFirst.Length;

    public bool Contains(string value) => _longestFirst.Contains(value, StringComparer.Ordinal);

    public MaskSet With(IEnumerable<string> values) => new([.. _longestFirst.Union(values, StringComparer.Ordinal)]);

    public string Apply(string text, string mask)
    {
        if (_longestFirst.Length == 0)
            return text;
        var next = text.AsSpan().IndexOfAny(_search);
        if (next < 0)
            return text;

        var masked = new StringBuilder(text.Length);
        var copied = 0;
        while (next >= 0)
        {
            var end = next + LongestMatchAt(text, next);
            for (var i = next + 1; i < end; i++)
                end = Math.Max(end, i + LongestMatchAt(text, i));
            masked.Append(text, copied, next - copied).Append(mask);
            copied = end;
            var found = text.AsSpan(end).IndexOfAny(_search);
            next = found < 0 ? -1 : end + found;
        }
        return masked.Append(text, copied, text.Length - copied).ToString();
    }

    private int LongestMatchAt(string text, int index)
    {
        var rest = text.AsSpan(index);
        foreach (var value in _longestFirst)
        {
            if (rest.StartsWith(value, StringComparison.Ordinal))
                return value.Length;
        }
        return 0;
    }
}
