using System.Text;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Harbor.Testing.Spec;
using ContainerCloudBuild.Tools.HarborContract;

namespace ContainerCloudBuild.Harbor.Tests;

/// <summary>The committed Harbor contract: what it keeps, where it came from, and that it still matches upstream.</summary>
public sealed class HarborContractTests
{
    private const string Swagger = """
        swagger: '2.0'
        info:
          title: Harbor API
          description: These APIs provide services.
          version: '2.0'
        host: localhost
        basePath: /api/v2.0
        paths:
          /projects:
            get:
              summary: List projects
              description: This endpoint returns projects.
              tags:
                - project
              operationId: listProjects
              parameters:
                - name: page
                  in: query
                  type: integer
                  description: The page number
              responses:
                '200':
                  description: Success
                  headers:
                    X-Total-Count:
                      description: The total count
                      type: integer
                  schema:
                    $ref: '#/definitions/Project'
        definitions:
          Project:
            type: object
            title: A project
            properties:
              description:
                type: string
                description: The project's description
                example: my project
              summary:
                type: string
        """;

    [Fact]
    public void Extract_Swagger_DropsProseAndKeepsFactsAndPropertyNames()
    {
        var file = ContractExtractor.Extract(Encoding.UTF8.GetBytes(Swagger), ContractSource.FromSourceNotes(null));
        var contract = file["contract"]!.AsObject();

        var operation = contract["paths"]!["/projects"]!["get"]!.AsObject();
        Assert.Equal(["operationId", "parameters", "responses"], operation.Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"page","in":"query","type":"integer"}"""), operation["parameters"]![0]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"headers":{"X-Total-Count":{"type":"integer"}},"schema":{"$ref":"#/definitions/Project"}}"""),
            operation["responses"]!["200"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"object","properties":{"description":{"type":"string"},"summary":{"type":"string"}}}"""),
            contract["definitions"]!["Project"]));
        Assert.Equal(["swagger", "basePath", "paths", "definitions"], contract.Select(p => p.Key));
        Assert.Equal("2.0", file["source"]!["infoVersion"]!.GetValue<string>());
    }

    [Fact]
    public void FromSourceNotes_SharedNotes_ReadsCommitAndDescribe()
    {
        var source = ContractSource.FromSourceNotes("""
            - Repository: https://github.com/goharbor/harbor (branch `main`)
            - Commit: c50c7ddd6ea4e335a480b49c618281882ab7eec9 (committed 2026-08-21T05:58:10Z; `git describe`: v2.4.0-rc1-1929-gc50c7ddd6e); file last changed
            - Path: `api/v2.0/swagger.yaml`, copied byte-for-byte
            """);

        Assert.Equal(new ContractSource("https://github.com/goharbor/harbor", "api/v2.0/swagger.yaml",
            "c50c7ddd6ea4e335a480b49c618281882ab7eec9", "v2.4.0-rc1-1929-gc50c7ddd6e"), source);
        Assert.Equal(ContractSource.Unknown, ContractSource.FromSourceNotes(null).Commit);
    }

    [Fact]
    public void LoadContractFile_Committed_NamesUpstreamCommitVersionAndDigest()
    {
        var source = SwaggerSpec.LoadContractFile()["source"]!;

        Assert.Matches("^[0-9a-f]{40}$", source["commit"]!.GetValue<string>());
        Assert.Equal("2.0", source["infoVersion"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", source["sha256"]!.GetValue<string>());
    }

    [Fact]
    public void CommittedContract_SharedUpstreamSwagger_IsWhatTheExtractorProduces()
    {
        var swagger = SharedSwaggerPath();
        if (!File.Exists(swagger))
            Assert.Skip($"No upstream spec at {swagger} (it sits beside this repository's own CI only); the committed contract is used as is.");

        var regenerated = ContractFile.FromSwagger(swagger);
        var committed = SwaggerSpec.LoadContractFile();

        Assert.Equal(regenerated["source"]!.ToJsonString(), committed["source"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(regenerated["contract"], committed["contract"]),
            "tests/ContainerCloudBuild.Harbor.Testing/Spec/harbor-contract.json differs from what tools/HarborContract produces from "
            + $"{swagger}; regenerate it with: dotnet run --project tools/HarborContract -- {swagger} tests/ContainerCloudBuild.Harbor.Testing/Spec/harbor-contract.json");
    }

    /// <summary>&lt;repository&gt;/../shared/harbor/swagger.yaml, the repository found from the test binaries.</summary>
    private static string SharedSwaggerPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContainerCloudBuild.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "harbor", "swagger.yaml"));
        }

        throw new InvalidOperationException("ContainerCloudBuild.sln not found above " + AppContext.BaseDirectory);
    }
}
