namespace ContainerCloudBuild.Analysis;

/// <summary>The kinds of answer a provider gives.</summary>
public enum ReadingKind { Values, NoData, Error }

/// <summary>
/// What one provider call returned: values, no data (with the reason), or a provider error (with its message).
/// Values that are all NaN are no data.
/// </summary>
public sealed record ProviderReading(ReadingKind Kind, IReadOnlyList<double> Values, string? Message)
{
    public static ProviderReading Of(params double[] values) =>
        values.Length == 0 || values.All(double.IsNaN)
            ? NoData(values.Length == 0 ? "the query returned no result" : "the query returned NaN")
            : new ProviderReading(ReadingKind.Values, values, null);

    /// <summary>Values with a note that is added to the measurement's message (e.g. the matching log lines).</summary>
    public static ProviderReading Of(IReadOnlyList<double> values, string note)
    {
        var reading = Of([.. values]);
        return reading.Kind == ReadingKind.Values ? reading with { Message = note } : reading;
    }

    public static ProviderReading NoData(string reason) => new(ReadingKind.NoData, [], reason);

    public static ProviderReading Error(string message) => new(ReadingKind.Error, [], message);
}
