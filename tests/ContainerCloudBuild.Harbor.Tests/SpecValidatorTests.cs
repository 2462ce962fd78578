using System.Text.Json.Nodes;
using ContainerCloudBuild.Harbor.Testing.Spec;

namespace ContainerCloudBuild.Harbor.Tests;

/// <summary>The spec checks themselves: they must reject what Harbor's spec does not allow.</summary>
public sealed class SpecValidatorTests
{
    private static readonly Lazy<SwaggerSpec> Spec = new(SwaggerSpec.LoadHarbor);

    private static SpecMatch Check(string method, string pathAndQuery, string? body = null, bool withRequestId = true,
        params (string Name, string Value)[] headers)
    {
        var all = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
        if (withRequestId)
            all["X-Request-Id"] = "r1";
        var validator = new RequestValidator(Spec.Value, new SchemaValidator(Spec.Value));
        return validator.Validate(new SpecRequest(method, pathAndQuery, all, body is null ? null : "application/json", body));
    }

    [Fact]
    public void LoadHarbor_Spec_HasBasePathAndOperations()
    {
        Assert.Equal("/api/v2.0", Spec.Value.BasePath);
        Assert.True(Spec.Value.Operations.Count > 100);
        Assert.Equal("/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}",
            Spec.Value.Operation("getArtifact").PathTemplate);
    }

    [Fact]
    public void Validate_ValidCreateProject_HasNoViolations()
    {
        var match = Check("POST", "/api/v2.0/projects",
            """{"project_name":"team","metadata":{"public":"false","auto_scan":"true","severity":"high"}}""");
        Assert.Equal("createProject", match.Operation?.OperationId);
        Assert.Empty(match.Violations);
    }

    [Theory]
    [InlineData("GET", "/api/v2.0/nothing-here")]
    [InlineData("DELETE", "/api/v2.0/ping")]
    [InlineData("GET", "/v2.0/ping")]
    [InlineData("GET", "/api/v2.0/projects/a/repositories/b/artifacts/c/d/e/f")]
    public void Validate_UnknownPathOrMethod_ReportsNoOperation(string method, string path)
    {
        var match = Check(method, path);
        Assert.Null(match.Operation);
        Assert.Contains("no operation", Assert.Single(match.Violations), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingRequiredQuery_IsViolation()
    {
        var match = Check("HEAD", "/api/v2.0/projects");
        Assert.Contains(match.Violations, v => v.Contains("'project_name' is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingRequestId_IsViolation()
    {
        var match = Check("GET", "/api/v2.0/ping", withRequestId: false);
        Assert.Contains("X-Request-Id", Assert.Single(match.Violations), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UndeclaredQueryOrBadType_IsViolation()
    {
        var match = Check("GET", "/api/v2.0/projects/p/repositories/r/artifacts/latest?with_scan_overviews=true&page=x");
        Assert.Equal("getArtifact", match.Operation?.OperationId);
        Assert.Contains(match.Violations, v => v.Contains("'with_scan_overviews' is not declared", StringComparison.Ordinal));
        Assert.Contains(match.Violations, v => v.Contains("'page' has invalid value 'x'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"project_name":"t","public":"yes"}""", "expected a boolean")]
    [InlineData("""{"project_name":"t","metadata":{"public":true}}""", "expected a string")]
    [InlineData("""{"project_nam":"t"}""", "unknown property 'project_nam'")]
    [InlineData("""{"project_name":"t","storage_limit":1.5}""", "expected an integer")]
    [InlineData("""[1]""", "expected an object")]
    [InlineData("""not json""", "not JSON")]
    public void Validate_WrongProjectBody_IsViolation(string body, string expected)
    {
        var match = Check("POST", "/api/v2.0/projects", body);
        Assert.Contains(match.Violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BodyChecks_RequiredEnumAndMissingBody()
    {
        const string artifact = "/api/v2.0/projects/p/repositories/r/artifacts/latest";
        Assert.Contains(Check("POST", artifact + "/tags", "{}").Violations,
            v => v.Contains("required property 'name' is missing", StringComparison.Ordinal));
        Assert.Contains(Check("POST", artifact + "/scan", """{"scan_type":"malware"}""").Violations,
            v => v.Contains("is not one of", StringComparison.Ordinal));
        Assert.Contains(Check("POST", artifact + "/tags").Violations,
            v => v.Contains("required body", StringComparison.Ordinal));
        Assert.Contains(Check("GET", "/api/v2.0/ping", "{}").Violations,
            v => v.Contains("takes no body", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RobotWithWrongNestedType_ReportsPath()
    {
        var match = Check("POST", "/api/v2.0/robots",
            """{"name":"ci","level":"project","duration":-1,"permissions":[{"kind":"project","namespace":"p","access":[{"resource":"repository","action":7}]}]}""");
        Assert.Contains(match.Violations, v => v.Contains("body.permissions[0].access[0].action: expected a string", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PathParameters_AreDecodedOnce()
    {
        var match = Check("GET", "/api/v2.0/projects/p/repositories/team%252Fapp/artifacts/sha256%3Aabc");
        Assert.Empty(match.Violations);
        Assert.Equal("team%2Fapp", match.PathParameters["repository_name"]);
        Assert.Equal("sha256:abc", match.PathParameters["reference"]);
    }

    [Fact]
    public void SchemaValidator_Formats_AndNullability()
    {
        var validator = new SchemaValidator(Spec.Value);
        var schema = JsonNode.Parse("""{"$ref":"#/definitions/Project"}""")!;
        Assert.Contains(validator.Validate(JsonNode.Parse("""{"project_id":3000000000}"""), schema, "p"),
            e => e.Contains("int32", StringComparison.Ordinal));
        Assert.Contains(validator.Validate(JsonNode.Parse("""{"creation_time":"yesterday"}"""), schema, "p"),
            e => e.Contains("not a date-time", StringComparison.Ordinal));
        Assert.Contains(validator.Validate(JsonNode.Parse("""{"name":null}"""), schema, "p"),
            e => e.Contains("null is not allowed", StringComparison.Ordinal));
        Assert.Empty(validator.Validate(JsonNode.Parse("""{"project_id":1,"name":"x","creation_time":"2026-01-02T03:04:05Z"}"""), schema, "p"));
    }
}
