using ContainerCloudBuild.Harbor.Api;
using Microsoft.Extensions.Logging;
using RestSharp;

namespace ContainerCloudBuild.Harbor;

public sealed partial class HarborClient
{
    /// <summary>
    /// Makes sure the project has an enabled immutable-tag rule for the tag and repository
    /// patterns: lists the rules (all pages) and creates the rule when none matches.
    /// Returns true when a rule was created.
    /// </summary>
    public async Task<bool> EnsureImmutableTagRuleAsync(string project, ImmutableTagRuleSpec rule, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(project);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrWhiteSpace(rule.TagPattern);
        ArgumentException.ThrowIfNullOrWhiteSpace(rule.RepositoryPattern);
        var resource = $"projects/{HarborPaths.Segment(project)}/immutabletagrules";

        var list = new HarborCall("ListImmuRules", $"list immutable-tag rules of project '{project}'", project, "immutable-tag", "list");
        var rules = await GetAllPagesAsync<ImmutableRuleDto>(resource,
            r => r.AddHeader("X-Is-Resource-Name", "true"), list, cancellationToken).ConfigureAwait(false);
        if (rules.Any(r => Matches(r, rule)))
        {
            LogImmutableRuleExists(project, rule.TagPattern, rule.RepositoryPattern);
            return false;
        }

        var create = new HarborCall("CreateImmuRule", $"create immutable-tag rule '{rule.TagPattern}' in project '{project}'",
            project, "immutable-tag", "create");
        var body = HarborJson.Serialize(new ImmutableRuleDto(null, 0, false, "immutable", "immutable_template",
            [new ImmutableSelectorDto("doublestar", "matches", rule.TagPattern)],
            new() { ["repository"] = [new ImmutableSelectorDto("doublestar", "repoMatches", rule.RepositoryPattern)] }));
        await SendAsync(
            () => new RestRequest(resource, Method.Post)
                .AddHeader("X-Is-Resource-Name", "true")
                .AddStringBody(body, ContentType.Json),
            create, cancellationToken).ConfigureAwait(false);
        LogImmutableRuleCreated(project, rule.TagPattern, rule.RepositoryPattern);
        return true;
    }

    private static bool Matches(ImmutableRuleDto existing, ImmutableTagRuleSpec wanted) =>
        existing.Disabled != true
        && existing.TagSelectors is [{ Decoration: "matches" } tag] && tag.Pattern == wanted.TagPattern
        && existing.ScopeSelectors?.GetValueOrDefault("repository") is [{ Decoration: "repoMatches" } repo]
        && repo.Pattern == wanted.RepositoryPattern;

    [LoggerMessage(Level = LogLevel.Information, Message = "Harbor project {Project} already has immutable-tag rule {TagPattern} in {RepositoryPattern}")]
    private partial void LogImmutableRuleExists(string project, string tagPattern, string repositoryPattern);

    [LoggerMessage(Level = LogLevel.Information, Message = "Harbor immutable-tag rule {TagPattern} in {RepositoryPattern} created for project {Project}")]
    private partial void LogImmutableRuleCreated(string project, string tagPattern, string repositoryPattern);
}
