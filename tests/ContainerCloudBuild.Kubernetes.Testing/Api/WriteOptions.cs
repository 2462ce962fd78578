namespace ContainerCloudBuild.Kubernetes.Testing.Api;

public enum FieldValidation { Ignore, Warn, Strict }

/// <summary>The query parameters of a write: dryRun, fieldManager, fieldValidation, force.</summary>
public sealed record WriteOptions(bool DryRun, string Manager, FieldValidation Validation, bool Force)
{
    public static WriteOptions From(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        var query = request.Query;
        var agent = request.Headers.UserAgent.ToString();
        var manager = query["fieldManager"].ToString();
        if (manager.Length == 0) manager = agent.Length == 0 ? "unknown" : agent.Split('/')[0];
        var validation = query["fieldValidation"].ToString() switch
        {
            "Strict" => FieldValidation.Strict,
            "Ignore" => FieldValidation.Ignore,
            _ => FieldValidation.Warn,
        };
        return new WriteOptions(query["dryRun"].ToString() == "All", manager, validation, query["force"].ToString() == "true");
    }
}
