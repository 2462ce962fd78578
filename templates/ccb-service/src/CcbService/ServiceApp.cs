namespace CcbService;

/// <summary>Builds the service's web application; the tests start the same application on a free port.</summary>
public static class ServiceApp
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var version = Environment.GetEnvironmentVariable("APP_VERSION") ?? "dev";
        builder.Services.AddSingleton(new RequestMetrics("CcbService", version, ["/", "/healthz", "/ready", "/metrics"]));
        builder.Services.AddSingleton<Readiness>();

        var app = builder.Build();
        var metrics = app.Services.GetRequiredService<RequestMetrics>();
        var readiness = app.Services.GetRequiredService<Readiness>();
        app.Lifetime.ApplicationStarted.Register(readiness.MarkReady);
        app.Lifetime.ApplicationStopping.Register(readiness.MarkNotReady);

        app.Use(async (context, next) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await next(context);
            metrics.Record(context.Request.Path, context.Response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        });

        app.MapGet("/", () => Results.Text($"CcbService {version}\n"));
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/ready", () => readiness.IsReady ? Results.Text("ready\n") : Results.Text("not ready\n", statusCode: 503));
        app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4"));
        return app;
    }
}
