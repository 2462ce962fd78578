using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ContainerCloudBuild.Harbor.Testing.Spec;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Harbor.Testing.Server;

/// <summary>A request the server received, with the operation it matched (null when none).</summary>
internal sealed record RecordedRequest(string Method, string RawPathAndQuery, IReadOnlyDictionary<string, string> Headers,
    string? Body, string? OperationId);

/// <summary>
/// A fake Harbor on 127.0.0.1 that checks every request against Harbor's API contract (Spec/harbor-contract.json). A request
/// the spec does not allow is recorded in <see cref="Violations"/> and answered 400; tests assert
/// that list is empty. Answers come from <see cref="Model"/> (checked against the spec's response
/// schemas as well) or from faults injected with <see cref="Fail"/>.
/// </summary>
internal sealed partial class HarborTestServer : IAsyncDisposable
{
    private static readonly Lazy<SwaggerSpec> SharedSpec = new(SwaggerSpec.LoadHarbor);
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, Fault> _faults = new(StringComparer.Ordinal);
    private readonly RequestValidator _validator;
    private readonly SchemaValidator _schemas;

    public HarborTestServer()
    {
        Spec = SharedSpec.Value;
        _schemas = new SchemaValidator(Spec);
        _validator = new RequestValidator(Spec, _schemas);
        var port = FreePort.Next();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
        Model.Users["admin"] = "Harbor12345";
    }

    public SwaggerSpec Spec { get; }

    public Uri BaseUrl { get; }

    public HarborModel Model { get; } = new();

    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>When false, list answers carry only X-Total-Count (some proxies strip Link).</summary>
    public bool SendLinkHeader { get; set; } = true;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IEnumerable<RecordedRequest> RequestsFor(string operationId) => Requests.Where(r => r.OperationId == operationId);

    /// <summary>Answers <paramref name="status"/> with a Harbor error body to the next <paramref name="times"/> calls of the operation.</summary>
    public void Fail(string operationId, HttpStatusCode status, string message, int times = int.MaxValue)
    {
        if (!Spec.Operations.Any(o => o.OperationId == operationId))
            throw new ArgumentException($"The spec has no operation '{operationId}'.", nameof(operationId));
        _faults[operationId] = new Fault(status, message, times);
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var http = context.Request;
        string? body = null;
        if (http.HasEntityBody)
        {
            using var reader = new StreamReader(http.InputStream, Encoding.UTF8);
            body = await reader.ReadToEndAsync().ConfigureAwait(false);
        }

        var headers = http.Headers.AllKeys.OfType<string>()
            .ToDictionary(k => k, k => http.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
        var request = new SpecRequest(http.HttpMethod, http.RawUrl ?? "/", headers, http.ContentType, body);
        var match = _validator.Validate(request);
        Requests.Enqueue(new RecordedRequest(request.Method, request.RawPathAndQuery, headers, body, match.Operation?.OperationId));
        foreach (var violation in match.Violations)
            Violations.Enqueue(violation);

        Reply reply;
        try
        {
            reply = Answer(request, match);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Violations.Enqueue($"test server failed on {request.Method} {request.RawPath}: {ex}");
            reply = Reply.Error(HttpStatusCode.InternalServerError, "INTERNAL", ex.Message);
        }

        await WriteAsync(context.Response, request, reply).ConfigureAwait(false);
    }

    private Reply Answer(SpecRequest request, SpecMatch match)
    {
        if (!match.IsValid)
            return Reply.Error(HttpStatusCode.BadRequest, "BAD_REQUEST", string.Join("; ", match.Violations));
        var operation = match.Operation!;
        var anonymous = operation.OperationId is "getPing" or "getHealth";
        var user = Authenticate(request);
        if (!anonymous && user is null)
            return Reply.Error(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "unauthorized");
        if (!anonymous && !IsAllowed(user!, operation.OperationId, request, match.PathParameters))
            return Reply.Error(HttpStatusCode.Forbidden, "FORBIDDEN", "forbidden");
        if (TakeFault(operation.OperationId) is { } fault)
            return Reply.Error(fault.Status, FaultCode(fault.Status), fault.Message);

        var reply = Handle(operation.OperationId, request, match.PathParameters);
        CheckResponse(operation, reply);
        return reply;
    }

    private Fault? TakeFault(string operationId)
    {
        if (!_faults.TryGetValue(operationId, out var fault))
            return null;
        var left = fault with { Times = fault.Times - 1 };
        if (left.Times <= 0)
            _faults.TryRemove(operationId, out _);
        else
            _faults[operationId] = left;
        return fault;
    }

    private static string FaultCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "UNAUTHORIZED",
        HttpStatusCode.Forbidden => "FORBIDDEN",
        HttpStatusCode.NotFound => "NOT_FOUND",
        HttpStatusCode.Conflict => "CONFLICT",
        HttpStatusCode.PreconditionFailed => "PRECONDITION",
        _ => "UNKNOWN",
    };

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }

    private sealed record Fault(HttpStatusCode Status, string Message, int Times);
}
