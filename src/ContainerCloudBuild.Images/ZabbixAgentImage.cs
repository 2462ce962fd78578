using ContainerCloudBuild.Abstractions;

namespace ContainerCloudBuild.Images;

/// <summary>
/// The base-image variant with Debian's Zabbix agent (6.0) in it: the runtime-deps packages plus <c>zabbix-agent</c>, the
/// libraries it needs, busybox as the shell, and <see cref="EntrypointPath"/>, which writes the agent's configuration from
/// the environment, starts the agent for active checks only (no listening port) and then execs the app. Without
/// <c>ZBX_SERVER_ACTIVE</c> the wrapper only execs the app. An app's Dockerfile that sets its own ENTRYPOINT names the
/// wrapper first: <c>ENTRYPOINT ["/usr/local/bin/zabbix-agent-entrypoint", "dotnet", "/app/app.dll"]</c>.
/// </summary>
public static class ZabbixAgentImage
{
    public const string DefaultImage = "127.0.0.1:5000/base/runtime-deps-zabbix:bookworm";
    public const string EntrypointPath = "/usr/local/bin/zabbix-agent-entrypoint";

    /// <summary>
    /// The host metadata the agent announces: <c>ccb-tenant=&lt;tenant&gt;;service=&lt;service&gt;;revision=&lt;revision&gt;</c>, so
    /// a tenant's auto-registration action matches on <c>ccb-tenant=&lt;tenant&gt;;</c>.
    /// </summary>
    public static string MetadataOf(string tenant, string service, string revision) => $"ccb-tenant={tenant};service={service};revision={revision}";

    private static readonly string[] AgentPackages = ["zabbix-agent", "busybox-static"];

    /// <summary>The recipe, with the agent's library packages resolved from this machine's package lists.</summary>
    public static async Task<BaseImageRecipe> RecipeAsync(string workingDirectory, CancellationToken cancellationToken)
    {
        var libraries = await DebianLibraryClosure.ResolveAsync(AgentPackages, BaseImageBuilder.DefaultPackages, workingDirectory, cancellationToken)
            .ConfigureAwait(false);
        return new BaseImageRecipe
        {
            Packages = [.. BaseImageBuilder.DefaultPackages, .. AgentPackages, .. libraries],
            Files = [new RootFileSystemFile(EntrypointPath, EntrypointScript, Executable)],
            Symlinks = new Dictionary<string, string> { ["/bin/sh"] = "busybox" },
            Entrypoint = [EntrypointPath],
        };
    }

    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>
    /// The wrapper. Environment: ZBX_SERVER_ACTIVE (host[:port], turns the agent on), ZBX_HOSTNAME (else
    /// ZBX_SERVICE (else APP_NAME)-APP_REVISION, as the Docker-host driver sets APP_NAME, APP_REVISION and PORT), ZBX_TENANT,
    /// ZBX_REFRESH_ACTIVE_CHECKS (seconds, 60 to 3600, default 60). In user parameters Zabbix replaces $1 with the key's first
    /// parameter and $$ with a dollar sign. The keys are <see cref="ZabbixAgentItemKeys"/>.
    /// </summary>
    public const string EntrypointScript =
        $$$"""
        #!/bin/sh
        # Writes the Zabbix agent's configuration from the environment, starts it (active checks only), then runs the app.
        set -e
        if [ -n "$ZBX_SERVER_ACTIVE" ]; then
          service="${ZBX_SERVICE:-${APP_NAME:-app}}"
          revision="${ZBX_REVISION:-${APP_REVISION:-none}}"
          tenant="${ZBX_TENANT:-default}"
          port="${PORT:-8080}"
          conf="${ZBX_CONFIG_FILE:-/tmp/zabbix_agentd.conf}"
          cat > "$conf" <<EOF
        StartAgents=0
        ServerActive=$ZBX_SERVER_ACTIVE
        Hostname=${ZBX_HOSTNAME:-$service-$revision}
        HostMetadata=ccb-tenant=$tenant;service=$service;revision=$revision
        RefreshActiveChecks=${ZBX_REFRESH_ACTIVE_CHECKS:-60}
        BufferSend=1
        LogType=console
        DebugLevel=${ZBX_DEBUG_LEVEL:-3}
        PidFile=/tmp/zabbix_agentd.pid
        AllowRoot=1
        Timeout=5
        UserParameter={{{ZabbixAgentItemKeys.MetricParameter}}}[*],busybox wget -q -O - http://127.0.0.1:$port/metrics | busybox awk -v m="\$1" '\$\$1 == m || index(\$\$1, m "{") == 1 { s += \$\$NF; n++ } END { if (n) print s; else exit 1 }'
        UserParameter={{{ZabbixAgentItemKeys.Uptime}}},busybox cut -d. -f1 /proc/uptime
        UserParameter={{{ZabbixAgentItemKeys.MetricsUp}}},busybox wget -q -O /dev/null http://127.0.0.1:$port/metrics && echo 1 || echo 0
        EOF
          /usr/sbin/zabbix_agentd -f -c "$conf" &
        fi
        exec "$@"
        """;
}
