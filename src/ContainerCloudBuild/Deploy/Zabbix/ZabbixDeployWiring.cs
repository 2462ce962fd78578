using System.Collections.Concurrent;
using System.Net.Sockets;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Zabbix.Analysis;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Events;
using ContainerCloudBuild.Zabbix.Registration;
using ContainerCloudBuild.Zabbix.Sender;

namespace ContainerCloudBuild.Deploy.Zabbix;

/// <summary>
/// The Zabbix parts of a Docker-host Deploy, made once from a <see cref="ZabbixConnection"/>: the API and sender clients,
/// the rollout hooks (maintenance), the deploy-events shipper, the "zabbix" analysis template and, per rollout, the
/// pre-registration of the new revision's host. Each service opts in with its <c>zabbix:</c> values; a service that does
/// not is never sent to Zabbix.
/// </summary>
public sealed class ZabbixDeployWiring : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ZabbixServiceValues> _services = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Action<string> _output;
    private readonly TimeProvider _time;

    /// <summary>How long a new revision's start waits for the server to know its host: above the server's default CacheUpdateFrequency (60 s).</summary>
    public static readonly TimeSpan ServerKnowsHostTimeout = TimeSpan.FromSeconds(90);

    public ZabbixDeployWiring(ZabbixConnection connection, SecretMasker masker, TimeProvider time, IRolloutHooks? innerHooks, Action<string> output)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(masker);
        masker.Register(connection.ApiToken);
        _output = output;
        _time = time;
        Api = ZabbixApi.Create(_http, connection.Url, ZabbixCredentials.Token(connection.ApiToken), masker);
        Sender = new ZabbixSender(connection.SenderHost, connection.SenderPort, time);
        Hooks = new ZabbixServiceHooks(Api, ValuesOf, time, innerHooks);
        Events = new EventShipper(new ZabbixEventSink(Api, Sender, new ZabbixEventSinkOptions { HostOf = HostOf }), masker, new EventShipperOptions(), time);
        Template = new ZabbixAnalysisTemplate(new ZabbixMetricProvider(Api, time), ValuesOf);
    }

    public ZabbixApi Api { get; }
    public ZabbixSender Sender { get; }
    public IRolloutHooks Hooks { get; }
    public EventShipper Events { get; }
    public ZabbixAnalysisTemplate Template { get; }

    public ZabbixServiceValues ValuesOf(string app) => _services.GetValueOrDefault(app) ?? ZabbixServiceValues.Disabled;

    /// <summary>The host a revision's agent reports as (its <c>HOSTNAME</c> in Zabbix): service-revision.</summary>
    public static string RevisionHost(string app, string revision) => $"{app}-{revision}";

    /// <summary>
    /// Takes the service's <c>zabbix:</c> values for its hooks, events and analysis: every command that reads the service
    /// (so an Abort or Promote that finishes a rollout in this process removes its maintenance too).
    /// </summary>
    public void Remember(ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _services[service.Name] = service.Zabbix;
    }

    /// <summary>
    /// What a container of the Zabbix agent base image needs to report (with <c>zabbix.agent</c> on): the trapper as
    /// <c>ZBX_SERVER_ACTIVE</c> and the tenant as <c>ZBX_TENANT</c>; its host name defaults to APP_NAME-APP_REVISION,
    /// the <see cref="RevisionHost"/> that <see cref="PrepareAsync"/> pre-registers. Empty for other services; the service's own env wins.
    /// </summary>
    public IReadOnlyDictionary<string, string> AgentEnvironment(ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.Zabbix is { Enabled: true, Agent: true }
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["ZBX_SERVER_ACTIVE"] = Sender.Server,
                ["ZBX_TENANT"] = TenantOf(service),
            }
            : new Dictionary<string, string>();
    }

    /// <summary>
    /// Before a rollout: remembers the service's values for the hooks, events and analysis; ensures the maintenance's host
    /// group exists; pre-registers the new revision's host when <c>zabbix.agent</c> is on. A Zabbix that does not answer
    /// is reported and does not stop the rollout (as with the maintenance).
    /// </summary>
    public async Task PrepareAsync(ServiceDefinition service, string revision, CancellationToken cancellationToken)
    {
        Remember(service);
        var values = service.Zabbix;
        if (!values.Enabled)
            return;
        try
        {
            if (values.Maintenance && values.MaintenanceGroup is { } group)
                await Api.Hosts.EnsureGroupAsync(group, cancellationToken).ConfigureAwait(false);
            if (values.Agent)
            {
                var tenant = TenantOf(service);
                var host = RevisionHost(service.Name, revision);
                var options = values.Registration();
                await new ZabbixRegistration(Api, options).PreRegisterAsync(tenant, host, cancellationToken).ConfigureAwait(false);
                _output($"{service.Name}: Zabbix host {host} registered in {options.HostGroupOf(tenant)}; waiting for the server at {Sender.Server} to know it (up to {ServerKnowsHostTimeout.TotalSeconds:0} s)");
                var started = _time.GetTimestamp();
                var known = await new ServerCacheProbe(Sender).WaitUntilKnownAsync(host, ServerKnowsHostTimeout, cancellationToken).ConfigureAwait(false);
                _output(known
                    ? $"{service.Name}: the Zabbix server knows {host} after {_time.GetElapsedTime(started).TotalSeconds:0.0} s; its agent gets its checks at start"
                    : $"{service.Name}: the Zabbix server did not know {host} within {ServerKnowsHostTimeout.TotalSeconds:0} s (its CacheUpdateFrequency is longer?); the agent reports after its next RefreshActiveChecks");
            }
        }
        catch (Exception ex) when (ex is ZabbixApiException or HttpRequestException or SocketException or IOException
                                   || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _output($"{service.Name}: Zabbix not prepared for {revision} ({ex.Message}); the rollout goes on");
        }
    }

    /// <summary>Sends the events still buffered, then closes the clients.</summary>
    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }

    private static string TenantOf(ServiceDefinition service) => service.Zabbix.Tenant.Length > 0 ? service.Zabbix.Tenant : service.Name;

    private string? HostOf(PipelineEvent e) =>
        e.Fields.TryGetValue("app", out var app) && app.Length > 0 && ValuesOf(app) is { Enabled: true, Events: true } ? app : null;
}
