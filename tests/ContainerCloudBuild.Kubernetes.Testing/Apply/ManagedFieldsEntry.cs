using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Apply;

/// <summary>One metadata.managedFields entry: who owns which fields, by which operation.</summary>
public sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string? Subresource, string Time, FieldSet Fields)
{
    public bool SameOwner(ManagedFieldsEntry other) =>
        Manager == other.Manager && Operation == other.Operation && Subresource == other.Subresource;

    public static List<ManagedFieldsEntry> Read(JsonObject obj) =>
        obj.Metadata()["managedFields"] is JsonArray entries
            ? entries.OfType<JsonObject>().Select(e => new ManagedFieldsEntry(
                e.Str("manager") ?? "", e.Str("operation") ?? "Update", e.Str("apiVersion") ?? "", e.Str("subresource"),
                e.Str("time") ?? "", FieldSet.FromFieldsV1(e["fieldsV1"] as JsonObject))).ToList()
            : [];

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var e in entries.Where(e => !e.Fields.IsEmpty))
        {
            var json = new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
                ["time"] = e.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = e.Fields.ToFieldsV1(),
            };
            if (e.Subresource is not null) json["subresource"] = e.Subresource;
            array.Add(json);
        }
        if (array.Count == 0) obj.Metadata().Remove("managedFields");
        else obj.Metadata()["managedFields"] = array;
    }
}
