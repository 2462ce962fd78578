using System.Net.Sockets;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Zabbix.Api;

namespace ContainerCloudBuild.Zabbix.Maintenance;

/// <summary>
/// Rollout hooks that quiet Zabbix during a deploy: at PreRollout (after the other hooks allowed it) the service's
/// hosts go into maintenance with data collection; at OnComplete and OnAbort it is removed. A Zabbix that does not
/// answer is reported in the hook message and does not stop the rollout unless <see cref="ZabbixMaintenanceOptions.Required"/>;
/// a maintenance that could not be removed expires by itself and the next run removes it.
/// </summary>
public sealed class ZabbixMaintenanceHooks(ZabbixRolloutMaintenance maintenance, IRolloutHooks? inner = null) : IRolloutHooks
{
    public async Task<RolloutHookResult> RunAsync(RolloutHookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var before = inner is null ? RolloutHookResult.None : await inner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        return request.Point switch
        {
            RolloutHookPoint.PreRollout when before.Allowed => await BeginAsync(request, before, cancellationToken).ConfigureAwait(false),
            RolloutHookPoint.OnComplete or RolloutHookPoint.OnAbort => await EndAsync(request, before, cancellationToken).ConfigureAwait(false),
            _ => before,
        };
    }

    private async Task<RolloutHookResult> BeginAsync(RolloutHookRequest request, RolloutHookResult before, CancellationToken cancellationToken)
    {
        try
        {
            var message = await maintenance.BeginAsync(request.App, request.Candidate?.Revision, maintenance.Options.HostsOf(request), cancellationToken).ConfigureAwait(false);
            return Combine(before, true, message);
        }
        catch (Exception ex) when (IsZabbixFailure(ex, cancellationToken))
        {
            var required = maintenance.Options.Required;
            return Combine(before, !required, $"Zabbix maintenance not set ({ex.Message}){(required ? "; it is required, so the rollout stops" : "")}");
        }
    }

    private async Task<RolloutHookResult> EndAsync(RolloutHookRequest request, RolloutHookResult before, CancellationToken cancellationToken)
    {
        try
        {
            var removed = await maintenance.EndAsync(request.App, cancellationToken).ConfigureAwait(false);
            return Combine(before, true, removed == 0 ? "no Zabbix maintenance to remove" : $"Zabbix maintenance of {request.App} removed");
        }
        catch (Exception ex) when (IsZabbixFailure(ex, cancellationToken))
        {
            return Combine(before, true, $"Zabbix maintenance of {request.App} not removed ({ex.Message}); it expires by itself and the next rollout removes it");
        }
    }

    private static RolloutHookResult Combine(RolloutHookResult before, bool allowed, string message) =>
        new(before.Allowed && allowed, before.Approved, before == RolloutHookResult.None ? message : $"{before.Message}; {message}");

    private static bool IsZabbixFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is ZabbixApiException or HttpRequestException or SocketException or IOException
        || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested;
}
