using System.Net;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Harbor.Testing.Spec;

namespace ContainerCloudBuild.Harbor.Testing.Server;

/// <summary>Artifact operations of the fake Harbor: get (with scan overview), tags, lookup.</summary>
internal sealed partial class HarborTestServer
{
    private Reply GetArtifact(SpecRequest request, IReadOnlyDictionary<string, string> path) => WithArtifact(path, (project, a) =>
    {
        var json = new JsonObject
        {
            ["id"] = a.Id,
            ["project_id"] = project.Id,
            ["repository_name"] = $"{project.Name}/{a.Repository}",
            ["digest"] = a.Digest,
            ["push_time"] = Timestamp,
            ["type"] = "IMAGE",
        };
        if (request.Query.GetValueOrDefault("with_tag") != "false")
            json["tags"] = new JsonArray(a.Tags.Select(t => (JsonNode)TagJson(a, t)).ToArray());
        if (request.Query.GetValueOrDefault("with_scan_overview") == "true" && a.ScanRequested)
        {
            a.ScanPolls++;
            var mime = request.Headers.GetValueOrDefault("X-Accept-Vulnerabilities", "")
                .Split(',', StringSplitOptions.TrimEntries)[0];
            json["scan_overview"] = new JsonObject { [mime.Length > 0 ? mime : "application/vnd.security.vulnerability.report; version=1.1"] = ScanJson(a) };
        }

        return new Reply(HttpStatusCode.OK, json);
    });

    private static JsonObject ScanJson(ArtifactState a)
    {
        var status = a.ScanStatus;
        var report = new JsonObject
        {
            ["report_id"] = $"report-{a.Id}",
            ["scan_status"] = status,
            ["complete_percent"] = status == "Success" ? 100 : 0,
        };
        if (status == "Success")
        {
            var summary = new JsonObject();
            foreach (var (severity, count) in a.Vulnerabilities)
                summary[severity] = count;
            report["severity"] = a.Vulnerabilities.Count == 0 ? "None" : a.Vulnerabilities.Keys.First();
            report["summary"] = new JsonObject
            {
                ["total"] = a.Vulnerabilities.Values.Sum(),
                ["fixable"] = 0,
                ["summary"] = summary,
            };
        }

        return report;
    }

    private Reply CreateTag(IReadOnlyDictionary<string, string> path, string tag) => WithArtifact(path, (project, a) =>
    {
        if (project.Artifacts.Any(x => x.Repository == a.Repository && x.Tags.Contains(tag)))
            return Reply.Error(HttpStatusCode.Conflict, "CONFLICT", $"tag {tag} already exists");
        a.Tags.Add(tag);
        return new Reply(HttpStatusCode.Created);
    });

    /// <summary>Finds the artifact of the path; the repository name arrives encoded twice, so decode it once more.</summary>
    private Reply WithArtifact(IReadOnlyDictionary<string, string> path, Func<ProjectState, ArtifactState, Reply> action)
    {
        var once = path["repository_name"];
        if (once.Contains('/', StringComparison.Ordinal))
        {
            // Harbor's router would split the path here: the client encoded the name only once.
            Violations.Enqueue($"repository_name '{once}' contains '/' after one decoding: it must be URL-encoded twice");
            return Reply.Error(HttpStatusCode.NotFound, "NOT_FOUND", "no route");
        }

        var repository = Uri.UnescapeDataString(once);
        if (Model.Projects.TryGetValue(path["project_name"], out var project)
            && project.Find(repository, path["reference"]) is { } artifact)
            return action(project, artifact);
        return Reply.Error(HttpStatusCode.NotFound, "NOT_FOUND",
            $"artifact {path["project_name"]}/{repository}@{path["reference"]} not found");
    }

    private static JsonObject TagJson(ArtifactState a, string tag) => new()
    {
        ["id"] = a.Id * 1000 + a.Tags.IndexOf(tag),
        ["artifact_id"] = a.Id,
        ["name"] = tag,
        ["push_time"] = Timestamp,
        ["immutable"] = false,
    };
}
