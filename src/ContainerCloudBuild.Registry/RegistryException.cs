using System.Net;
using System.Text.Json;

namespace ContainerCloudBuild.Registry;

/// <summary>One entry of a registry error body <c>{"errors":[{"code","message","detail"}]}</c>.</summary>
public sealed record RegistryError(string Code, string Message);

/// <summary>
/// A registry call failed: carries the registry, the operation, the HTTP status (when one was
/// received), the registry's error entries and its raw body. Never contains credentials.
/// </summary>
public class RegistryException : Exception
{
    public RegistryException(string registry, string operation, string message, HttpStatusCode? statusCode = null,
        IReadOnlyList<RegistryError>? errors = null, string? body = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Registry = registry;
        Operation = operation;
        StatusCode = statusCode;
        Errors = errors ?? [];
        Body = body;
    }

    public RegistryException() : this("", "", "Registry call failed.") { }
    public RegistryException(string message) : this("", "", message) { }
    public RegistryException(string message, Exception innerException) : this("", "", message, innerException: innerException) { }

    public string Registry { get; }
    public string Operation { get; }
    public HttpStatusCode? StatusCode { get; }
    public IReadOnlyList<RegistryError> Errors { get; }
    public string? Body { get; }

    /// <summary>Reads <c>{"errors":[...]}</c>; returns an empty list when the body has another shape.</summary>
    public static IReadOnlyList<RegistryError> ParseErrors(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return [];
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("errors", out var errors) ||
                errors.ValueKind != JsonValueKind.Array)
                return [];
            var list = new List<RegistryError>();
            foreach (var error in errors.EnumerateArray())
            {
                if (error.ValueKind != JsonValueKind.Object) continue;
                list.Add(new RegistryError(ReadString(error, "code"), ReadString(error, "message")));
            }
            return list;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}

/// <summary>The registry or its token service rejected the credentials (names the user, never the password).</summary>
public sealed class RegistryAuthenticationException : RegistryException
{
    public RegistryAuthenticationException(string registry, string operation, string? user, string message,
        HttpStatusCode? statusCode = null, IReadOnlyList<RegistryError>? errors = null, string? body = null)
        : base(registry, operation, message, statusCode, errors, body)
    {
        User = user;
    }

    public RegistryAuthenticationException() : this("", "", null, "Authentication failed.") { }
    public RegistryAuthenticationException(string message) : this("", "", null, message) { }
    public RegistryAuthenticationException(string message, Exception innerException) : base(message, innerException) { }

    public string? User { get; }
}

/// <summary>The registry could not be reached or kept failing with transient errors after all retries.</summary>
public sealed class RegistryUnavailableException : RegistryException
{
    public RegistryUnavailableException(string registry, string operation, int attempts, string message,
        HttpStatusCode? statusCode = null, string? body = null, Exception? innerException = null)
        : base(registry, operation, message, statusCode, ParseErrors(body), body, innerException)
    {
        Attempts = attempts;
    }

    public RegistryUnavailableException() : this("", "", 0, "Registry unavailable.") { }
    public RegistryUnavailableException(string message) : this("", "", 0, message) { }
    public RegistryUnavailableException(string message, Exception innerException) : this("", "", 0, message, innerException: innerException) { }

    public int Attempts { get; }
}
