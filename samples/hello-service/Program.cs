using System.Globalization;
using HelloService;

// Configuration comes from the environment the rollout driver sets:
//   PORT        listen on 127.0.0.1:PORT (default 8080)
//   APP_VERSION what /version answers (default "dev")
//   FAIL_RATE   0..1, share of /version requests answered with 500 (a bad version on purpose)
//   UNHEALTHY=1 /healthz answers 503 (a version that never becomes healthy)
var port = Environment.GetEnvironmentVariable("PORT") ?? "8080";
var version = Environment.GetEnvironmentVariable("APP_VERSION") ?? "dev";
var failRate = double.TryParse(Environment.GetEnvironmentVariable("FAIL_RATE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) ? rate : 0;
var unhealthy = Environment.GetEnvironmentVariable("UNHEALTHY") == "1";

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning); // no per-request info lines: logs say what matters
builder.Services.AddSingleton(new RequestMetrics("hello-service", version, ["/healthz", "/version", "/metrics"]));
var app = builder.Build();
var metrics = app.Services.GetRequiredService<RequestMetrics>();
app.Use(async (context, next) =>
{
    var started = System.Diagnostics.Stopwatch.GetTimestamp();
    await next(context);
    metrics.Record(context.Request.Path, context.Response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started));
});

app.MapGet("/healthz", () =>
{
    if (!unhealthy)
        return Results.Text("ok\n");
    Console.WriteLine($"healthz: {version} is unhealthy on purpose (UNHEALTHY=1)");
    return Results.Text("unhealthy on purpose (UNHEALTHY=1)\n", statusCode: 503);
});
app.MapGet("/version", () => Random.Shared.NextDouble() < failRate
    ? Results.Text($"{version} failed on purpose (FAIL_RATE={failRate})\n", statusCode: 500)
    : Results.Text(version + "\n"));
app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4"));

Console.WriteLine($"hello-service {version} listening on 127.0.0.1:{port} (FAIL_RATE={failRate}, UNHEALTHY={unhealthy})");
app.Run();
