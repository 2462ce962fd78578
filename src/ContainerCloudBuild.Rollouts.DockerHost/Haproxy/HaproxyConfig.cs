using System.Globalization;
using System.Text;

namespace ContainerCloudBuild.Rollouts.DockerHost.Haproxy;

/// <summary>An application HAProxy fronts: its frontend listens on 127.0.0.1:<see cref="Port"/>.</summary>
public sealed record HaproxyApp(string Name, int Port);

/// <summary>
/// Generates haproxy.cfg: an admin runtime socket, one frontend + backend per application (servers are
/// added per revision at run time), and the built-in Prometheus exporter on its own port.
/// Retries with redispatch make a request that meets a closing server go to another one.
/// </summary>
public static class HaproxyConfig
{
    /// <summary>
    /// The health check of every revision's server, added at run time or written to a backend file. Without
    /// <c>timeout check</c> a check must finish within <c>inter</c>; a busy server whose accept backlog is full drops the
    /// SYN, which the kernel sends again after 1 s, so with <c>inter 1s</c> one dropped SYN failed a check and two in a row
    /// marked the revision's only server DOWN (every request 503 until the next check). 2 s lets the resent SYN through;
    /// a dead server is still never sent a request for long: a refused connection is retried on another server
    /// (<c>retries</c>, <c>option redispatch 1</c> in <see cref="Render(string, int, IEnumerable{HaproxyApp})"/>).
    /// </summary>
    public const string ServerCheck = "check inter 2s fall 2 rise 1";

    /// <summary>Global settings, frontends and (empty) backends in one file.</summary>
    public static string Render(string socketPath, int metricsPort, IEnumerable<HaproxyApp> apps) =>
        Render(socketPath, metricsPort, apps, withBackends: true);

    /// <summary>
    /// Global settings and frontends only: each backend lives in its own file under a backends directory passed to
    /// HAProxy as a second <c>-f</c> (<see cref="HaproxyBackendFiles"/>), so the router can rewrite it with its servers.
    /// </summary>
    public static string RenderFrontends(string socketPath, int metricsPort, IEnumerable<HaproxyApp> apps) =>
        Render(socketPath, metricsPort, apps, withBackends: false);

    /// <summary>A backend section with one server line per revision (its address and weight in percent).</summary>
    public static string Backend(string app, IEnumerable<HaproxyServerLine> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        RolloutNames.Validate(app, "Application");
        var inv = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine(inv, $"backend {app}");
        b.AppendLine("  balance roundrobin");
        foreach (var server in servers)
            b.AppendLine(inv, $"  server {server.Name} {server.Host}:{server.Port} weight {server.Weight} {ServerCheck}");
        return b.ToString();
    }

    private static string Render(string socketPath, int metricsPort, IEnumerable<HaproxyApp> apps, bool withBackends)
    {
        ArgumentNullException.ThrowIfNull(apps);
        var inv = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine("global");
        b.AppendLine(inv, $"  stats socket {socketPath} mode 600 level admin");
        b.AppendLine("  maxconn 4096");
        // Without it HAProxy binds with SO_REUSEPORT and a second process on the same port (another stack, a stale HAProxy)
        // starts too and silently takes part of the connections; a reload (-W, SIGUSR2) still gets the listeners from the master.
        b.AppendLine("  noreuseport");
        b.AppendLine("defaults");
        b.AppendLine("  mode http");
        b.AppendLine("  timeout connect 2s");
        b.AppendLine("  timeout client 30s");
        b.AppendLine("  timeout server 30s");
        b.AppendLine("  retries 3");
        b.AppendLine("  option redispatch 1");
        b.AppendLine("  retry-on conn-failure empty-response response-timeout");
        b.AppendLine("frontend metrics");
        b.AppendLine(inv, $"  bind 127.0.0.1:{metricsPort}");
        b.AppendLine("  http-request use-service prometheus-exporter if { path /metrics }");
        foreach (var app in apps)
        {
            RolloutNames.Validate(app.Name, "Application");
            b.AppendLine(inv, $"frontend {app.Name}");
            b.AppendLine(inv, $"  bind 127.0.0.1:{app.Port}");
            b.AppendLine(inv, $"  default_backend {app.Name}");
            if (withBackends)
                b.Append(Backend(app.Name, []));
        }
        return b.ToString();
    }
}

/// <summary>One revision's server as a backend file records it.</summary>
public sealed record HaproxyServerLine(string Name, string Host, string Port, int Weight);
