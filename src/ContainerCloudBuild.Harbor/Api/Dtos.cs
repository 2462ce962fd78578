using System.Text.Json.Serialization;

namespace ContainerCloudBuild.Harbor.Api;

// Wire shapes from Harbor's swagger.yaml (definitions of the same name). Only the fields the
// client uses; null fields are omitted when serialising.

internal sealed record ErrorsDto([property: JsonPropertyName("errors")] List<ErrorDto>? Errors);

internal sealed record ErrorDto(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);

internal sealed record ProjectMetadataDto(
    [property: JsonPropertyName("public")] string Public,
    [property: JsonPropertyName("auto_scan")] string AutoScan,
    [property: JsonPropertyName("prevent_vul")] string PreventVul,
    [property: JsonPropertyName("severity")] string Severity);

internal sealed record ProjectReqDto(
    [property: JsonPropertyName("project_name")] string? ProjectName,
    [property: JsonPropertyName("metadata")] ProjectMetadataDto Metadata);

internal sealed record AccessDto(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("action")] string Action);

internal sealed record RobotPermissionDto(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("access")] List<AccessDto> Access);

internal sealed record RobotCreateDto(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("disable")] bool Disable,
    [property: JsonPropertyName("duration")] long Duration,
    [property: JsonPropertyName("permissions")] List<RobotPermissionDto> Permissions);

internal sealed record RobotCreatedDto(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("secret")] string? Secret,
    [property: JsonPropertyName("expires_at")] long? ExpiresAt);

internal sealed record TagDto([property: JsonPropertyName("name")] string? Name);

internal sealed record NewTagDto([property: JsonPropertyName("name")] string Name);

internal sealed record ScanTypeDto([property: JsonPropertyName("scan_type")] string ScanType);

internal sealed record VulnerabilitySummaryDto(
    [property: JsonPropertyName("total")] int? Total,
    [property: JsonPropertyName("fixable")] int? Fixable,
    [property: JsonPropertyName("summary")] Dictionary<string, int>? Summary);

internal sealed record NativeReportSummaryDto(
    [property: JsonPropertyName("report_id")] string? ReportId,
    [property: JsonPropertyName("scan_status")] string? ScanStatus,
    [property: JsonPropertyName("severity")] string? Severity,
    [property: JsonPropertyName("complete_percent")] int? CompletePercent,
    [property: JsonPropertyName("summary")] VulnerabilitySummaryDto? Summary);

internal sealed record ArtifactDto(
    [property: JsonPropertyName("digest")] string? Digest,
    [property: JsonPropertyName("push_time")] DateTimeOffset? PushTime,
    [property: JsonPropertyName("tags")] List<TagDto>? Tags,
    [property: JsonPropertyName("scan_overview")] Dictionary<string, NativeReportSummaryDto>? ScanOverview);

internal sealed record ImmutableSelectorDto(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("decoration")] string? Decoration,
    [property: JsonPropertyName("pattern")] string? Pattern);

internal sealed record ImmutableRuleDto(
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("priority")] int? Priority,
    [property: JsonPropertyName("disabled")] bool? Disabled,
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("template")] string? Template,
    [property: JsonPropertyName("tag_selectors")] List<ImmutableSelectorDto>? TagSelectors,
    [property: JsonPropertyName("scope_selectors")] Dictionary<string, List<ImmutableSelectorDto>>? ScopeSelectors);
