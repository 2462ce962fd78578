namespace ContainerCloudBuild.Prometheus;

/// <summary>One series of a vector (or the single value of a scalar) with its labels.</summary>
public sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, DateTimeOffset Timestamp, double Value);

/// <summary>An instant query's answer: result type ("vector", "scalar") and its samples (empty vector = no data).</summary>
public sealed record PrometheusQueryResult(string ResultType, IReadOnlyList<PrometheusSample> Samples);

/// <summary>Prometheus refused or failed a query; carries the HTTP status, errorType and Prometheus' own message.</summary>
public sealed class PrometheusQueryException : Exception
{
    public PrometheusQueryException(string query, int statusCode, string errorType, string error)
        : base($"Prometheus answered {statusCode} ({errorType}) to query '{query}': {error}")
    {
        Query = query;
        StatusCode = statusCode;
        ErrorType = errorType;
        Error = error;
    }

    public PrometheusQueryException() { }

    public PrometheusQueryException(string message) : base(message) { }

    public PrometheusQueryException(string message, Exception inner) : base(message, inner) { }

    public string Query { get; } = "";

    public int StatusCode { get; }

    public string ErrorType { get; } = "";

    public string Error { get; } = "";
}
