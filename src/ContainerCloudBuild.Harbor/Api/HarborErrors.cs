using System.Net;
using RestSharp;

namespace ContainerCloudBuild.Harbor.Api;

/// <summary>Turns a failed response into a <see cref="HarborApiException"/> whose message says what to do.</summary>
internal static class HarborErrors
{
    private const int MaxBodyInMessage = 300;

    public static HarborApiException FromResponse(RestResponse response, HarborCall call, HarborClientOptions options,
        string requestId, int attempts)
    {
        var harbor = options.BaseUrl.GetLeftPart(UriPartial.Authority);
        if (response.StatusCode == 0)
        {
            var reason = response.ErrorException?.Message ?? response.ErrorMessage ?? response.ResponseStatus.ToString();
            return new HarborApiException(
                $"Could not reach Harbor at {harbor} for '{call.Operation}' ({call.Description}) after {attempts} attempt(s): {reason}. " +
                "Check the Harbor URL and that Harbor is running.",
                call.Operation, null, null, null, requestId, response.ErrorException);
        }

        var error = HarborJson.TryReadError(response.Content);
        var server = error?.Message is { Length: > 0 } m ? m : Truncate(response.Content);
        var status = (int)response.StatusCode;
        var prefix = $"Harbor {harbor} answered '{call.Operation}' ({call.Description}) with {status} {response.StatusCode}";
        var advice = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized =>
                $"The credentials of user '{options.Username}' were rejected by {harbor}: check the user name and its password or robot secret (is the robot account disabled or expired?).",
            HttpStatusCode.Forbidden => ForbiddenAdvice(call, options),
            HttpStatusCode.NotFound => "The resource does not exist: check the project, repository and reference names.",
            HttpStatusCode.Conflict => "The resource already exists or its state prevents this operation.",
            HttpStatusCode.PreconditionFailed => "A precondition or policy in Harbor blocked the operation (for example an immutable-tag rule or a project that is not empty).",
            _ when status >= 500 => $"Harbor failed on the server side after {attempts} attempt(s); retry later or check Harbor's core logs for request id {requestId}.",
            _ => "Harbor rejected the request.",
        };
        return new HarborApiException($"{prefix}: {server}. {advice} (X-Request-Id {requestId})",
            call.Operation, response.StatusCode, error?.Code, error?.Message, requestId);
    }

    private static string ForbiddenAdvice(HarborCall call, HarborClientOptions options)
    {
        var who = options.IsRobot ? "robot account" : "user";
        var where = call.Project is null ? "(system level)" : $"on project '{call.Project}'";
        return $"The {who} '{options.Username}' likely lacks '{call.PermissionAction}' of '{call.PermissionResource}' {where}; " +
            "grant it (Project > Members or Robot Accounts) or use an account that has it.";
    }

    private static string Truncate(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
            return "(empty body)";
        var trimmed = content.Trim();
        return trimmed.Length <= MaxBodyInMessage ? trimmed : trimmed[..MaxBodyInMessage] + "…";
    }
}
