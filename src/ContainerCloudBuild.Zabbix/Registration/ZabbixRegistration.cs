using System.Globalization;
using ContainerCloudBuild.Zabbix.Api;

namespace ContainerCloudBuild.Zabbix.Registration;

/// <summary>
/// The server side of containers that report as they start, idempotently: a host group per tenant, a template with
/// the agent's (active) items, and an auto-registration action that adds a host whose metadata carries
/// <c>ccb-tenant=&lt;tenant&gt;;</c> to the tenant's group and links the template. A second run changes nothing.
/// </summary>
public sealed class ZabbixRegistration(ZabbixApi api, ZabbixRegistrationOptions options)
{
    private const int ActiveAgentItem = 7;
    private const int TrapperItem = 2;

    public string ActionNameOf(string tenant) => $"ccb auto-registration {tenant}";

    /// <summary>Ensures group, template (with items) and action; returns their ids.</summary>
    public async Task<(string GroupId, string TemplateId, string ActionId)> EnsureAsync(string tenant, CancellationToken cancellationToken)
    {
        var groupId = await api.Hosts.EnsureGroupAsync(options.HostGroupOf(tenant), cancellationToken).ConfigureAwait(false);
        var templateId = await EnsureTemplateAsync(cancellationToken).ConfigureAwait(false);
        var actionId = await EnsureActionAsync(tenant, groupId, templateId, cancellationToken).ConfigureAwait(false);
        return (groupId, templateId, actionId);
    }

    /// <summary>
    /// Creates a revision's host (in the tenant's group, with the template) before its container starts, so the agent's
    /// first request for active checks already gets the items; a 6.0 agent otherwise waits RefreshActiveChecks (at
    /// least 60 s) after auto-registration. Returns the existing host's id when it is there already.
    /// </summary>
    public async Task<string> PreRegisterAsync(string tenant, string hostName, CancellationToken cancellationToken)
    {
        var (groupId, templateId, _) = await EnsureAsync(tenant, cancellationToken).ConfigureAwait(false);
        if ((await api.Hosts.GetAsync([hostName], cancellationToken).ConfigureAwait(false)).FirstOrDefault() is { } existing)
            return existing.HostId;
        var created = await api.Client.CallAsync("host.create", new
        {
            host = hostName,
            groups = new[] { new { groupid = groupId } },
            templates = new[] { new { templateid = templateId } },
        }, cancellationToken).ConfigureAwait(false);
        return ZabbixApi.Ids(created, "hostids")[0];
    }

    private async Task<string> EnsureTemplateAsync(CancellationToken cancellationToken)
    {
        var templateId = await FindTemplateAsync(cancellationToken).ConfigureAwait(false);
        if (templateId is null)
        {
            var group = await api.Hosts.EnsureGroupAsync(options.TemplateGroup, cancellationToken).ConfigureAwait(false);
            templateId = await CreateUnlessRacedAsync("template.create", new Dictionary<string, object>
            {
                ["host"] = options.TemplateName,
                ["groups"] = new[] { new { groupid = group } },
            }, "templateids", cancellationToken).ConfigureAwait(false) ?? await FindTemplateAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new ZabbixApiException("template.get", 0, "Not found", $"template '{options.TemplateName}' was reported as existing but cannot be read");
        }
        var existing = await api.Items.GetAsync(templateId, [.. options.Items.Select(i => i.Key), ServerCacheProbe.Key], cancellationToken).ConfigureAwait(false);
        var wanted = options.Items.Select(item => new Dictionary<string, object>
        {
            ["key_"] = item.Key,
            ["name"] = item.Name,
            ["type"] = ActiveAgentItem,
            ["value_type"] = ((int)item.ValueType).ToString(CultureInfo.InvariantCulture),
            ["delay"] = item.Interval,
        }).Append(new Dictionary<string, object>
        {
            ["key_"] = ServerCacheProbe.Key,
            ["name"] = "Registered (a deploy's probe that the server knows the host)",
            ["type"] = TrapperItem,
            ["value_type"] = ((int)ZabbixValueType.Unsigned).ToString(CultureInfo.InvariantCulture),
        });
        foreach (var item in wanted.Where(i => existing.All(e => e.Key != (string)i["key_"])))
        {
            item["hostid"] = templateId;
            await CreateUnlessRacedAsync("item.create", item, "itemids", cancellationToken).ConfigureAwait(false);
        }
        return templateId;
    }

    private async Task<string?> FindTemplateAsync(CancellationToken cancellationToken)
    {
        var found = await api.Client.CallAsync("template.get", new { output = new[] { "templateid" }, filter = new { host = new[] { options.TemplateName } } }, cancellationToken)
            .ConfigureAwait(false);
        return ZabbixJson.Items(found).Select(t => ZabbixJson.Text(t, "templateid")).FirstOrDefault();
    }

    /// <summary>Creates an object; null when another run created the same one between our read and this create.</summary>
    private async Task<string?> CreateUnlessRacedAsync(string method, Dictionary<string, object> fields, string idsName, CancellationToken cancellationToken)
    {
        try
        {
            return ZabbixApi.Ids(await api.Client.CallAsync(method, fields, cancellationToken).ConfigureAwait(false), idsName)[0];
        }
        catch (ZabbixApiException ex) when (ex.Detail.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
    }

    private async Task<string> EnsureActionAsync(string tenant, string groupId, string templateId, CancellationToken cancellationToken)
    {
        var name = ActionNameOf(tenant);
        var found = await api.Client.CallAsync("action.get", new { output = new[] { "actionid" }, filter = new { name = new[] { name } } }, cancellationToken)
            .ConfigureAwait(false);
        if (ZabbixJson.Items(found).Select(a => ZabbixJson.Text(a, "actionid")).FirstOrDefault() is { } actionId)
            return actionId;
        var created = await api.Client.CallAsync("action.create", new
        {
            name,
            eventsource = 2,
            status = 0,
            filter = new
            {
                evaltype = 0,
                conditions = new[] { new { conditiontype = 24, @operator = 2, value = ZabbixRegistrationOptions.MetadataOf(tenant) } },
            },
            operations = new object[]
            {
                new { operationtype = 2 },
                new { operationtype = 4, opgroup = new[] { new { groupid = groupId } } },
                new { operationtype = 6, optemplate = new[] { new { templateid = templateId } } },
            },
        }, cancellationToken).ConfigureAwait(false);
        return ZabbixApi.Ids(created, "actionids")[0];
    }
}
