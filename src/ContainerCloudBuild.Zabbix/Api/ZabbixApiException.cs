namespace ContainerCloudBuild.Zabbix.Api;

/// <summary>
/// The Zabbix API answered a JSON-RPC error: its <see cref="Code"/> (e.g. -32602 invalid params, -32500 application
/// error), <see cref="ApiMessage"/> and <see cref="Detail"/> (the detail, e.g. "Incorrect user name or password"),
/// for the <see cref="Method"/> called. Secrets are masked in every field.
/// </summary>
public sealed class ZabbixApiException : Exception
{
    public ZabbixApiException(string method, int code, string apiMessage, string data)
        : base($"Zabbix API {method} failed ({code} {apiMessage}): {data}")
    {
        Method = method;
        Code = code;
        ApiMessage = apiMessage;
        Detail = data;
    }

    public ZabbixApiException() { }

    public ZabbixApiException(string message) : base(message) { }

    public ZabbixApiException(string message, Exception inner) : base(message, inner) { }

    public string Method { get; } = "";

    public int Code { get; }

    public string ApiMessage { get; } = "";

    public string Detail { get; } = "";

    /// <summary>The session expired or was logged out; a user/password client logs in again once.</summary>
    public bool IsSessionExpired => Detail.Contains("re-login", StringComparison.OrdinalIgnoreCase);
}
