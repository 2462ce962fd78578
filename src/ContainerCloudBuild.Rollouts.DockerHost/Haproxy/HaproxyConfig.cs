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
    public static string Render(string socketPath, int metricsPort, IEnumerable<HaproxyApp> apps)
    {
        ArgumentNullException.ThrowIfNull(apps);
        var inv = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine("global");
        b.AppendLine(inv, $"  stats socket {socketPath} mode 600 level admin");
        b.AppendLine("  maxconn 4096");
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
            b.AppendLine(inv, $"backend {app.Name}");
            b.AppendLine("  balance roundrobin");
        }
        return b.ToString();
    }
}
