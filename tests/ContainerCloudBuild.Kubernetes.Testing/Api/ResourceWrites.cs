using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Apply;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>Create, replace, patch (apply, merge, strategic merge, JSON patch) and delete, with dry run and field validation.</summary>
public sealed class ResourceWrites(KubeObjectStore store, ObjectLifecycle lifecycle, FieldManager fields, FieldValidator validator)
{
    public sealed record Result(JsonObject Object, bool Created, IReadOnlyList<string> Warnings);

    public Result Create(RequestTarget target, JsonObject body, WriteOptions options)
    {
        var warnings = Validate(target.Type, body, options.Validation);
        return store.Atomically(() =>
        {
            var obj = lifecycle.PrepareCreate(target, body);
            fields.RecordUpdate(target.Type, null, obj, options.Manager, null);
            return new Result(Save(target.Type, obj, null, options.DryRun), true, warnings);
        });
    }

    public Result Replace(RequestTarget target, JsonObject body, WriteOptions options)
    {
        var warnings = Validate(target.Type, body, options.Validation);
        return store.Atomically(() =>
        {
            var current = Current(target);
            var expected = body.ResourceVersion();
            if (!string.IsNullOrEmpty(expected) && expected != current.ResourceVersion())
                throw KubeApiException.Conflict(target.Type, target.Name!);
            var obj = lifecycle.PrepareUpdate(target, current, body);
            KeepManagedFields(current, obj);
            fields.RecordUpdate(target.Type, current, obj, options.Manager, target.Subresource);
            return new Result(Save(target.Type, obj, current, options.DryRun), false, warnings);
        });
    }

    public Result Patch(RequestTarget target, string contentType, string text, WriteOptions options)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        var patch = mediaType == "application/apply-patch+yaml" ? YamlToJson.Parse(text) : JsonNode.Parse(text);
        if (mediaType == "application/apply-patch+yaml") return ApplyPatch(target, patch as JsonObject ?? throw KubeApiException.BadRequest("apply body must be an object"), options);
        return store.Atomically(() =>
        {
            var current = Current(target);
            var patched = mediaType switch
            {
                "application/merge-patch+json" => JsonPatches.MergePatch(current, patch),
                "application/strategic-merge-patch+json" => ObjectMerger.Merge(current, patch, null, nullDeletes: true),
                "application/json-patch+json" => JsonPatches.JsonPatch(current, patch as JsonArray ?? throw KubeApiException.BadRequest("json patch must be an array")),
                _ => throw new KubeApiException(415, "UnsupportedMediaType", $"the media type \"{mediaType}\" is not a patch type this server accepts"),
            } as JsonObject ?? throw KubeApiException.BadRequest("the patch did not produce an object");
            var warnings = Validate(target.Type, patched, options.Validation);
            var expected = patched.ResourceVersion();
            if (!string.IsNullOrEmpty(expected) && expected != current.ResourceVersion())
                throw KubeApiException.Conflict(target.Type, target.Name!);
            var obj = lifecycle.PrepareUpdate(target, current, patched);
            KeepManagedFields(current, obj);
            fields.RecordUpdate(target.Type, current, obj, options.Manager, target.Subresource);
            return new Result(Save(target.Type, obj, current, options.DryRun), false, warnings);
        });
    }

    private Result ApplyPatch(RequestTarget target, JsonObject applied, WriteOptions options)
    {
        if (applied.Str("apiVersion") is null || applied.Str("kind") is null)
            throw KubeApiException.BadRequest("apply patches must set apiVersion and kind");
        if (applied.Name() != target.Name)
            throw KubeApiException.BadRequest($"the name of the object ({applied.Name()}) does not match the name on the URL ({target.Name})");
        ValidateApplied(target, applied);
        List<string> warnings = [];
        var config = applied.Clone();
        if (target.Subresource == "status") config = new JsonObject { ["metadata"] = new JsonObject(), ["status"] = config["status"]?.DeepClone() };
        else config.Remove("status");
        if (target.Type.Namespaced) config.Metadata()["namespace"] = target.Namespace;
        return store.Atomically(() =>
        {
            var current = store.Get(target.Type, target.Namespace, target.Name!);
            if (current is null)
            {
                var created = lifecycle.PrepareCreate(target, config);
                var merged = fields.Apply(target.Type, null, created, options.Manager, options.Force, null);
                return new Result(Save(target.Type, merged, null, options.DryRun), true, warnings);
            }
            var result = fields.Apply(target.Type, current, config, options.Manager, options.Force, target.Subresource);
            var obj = lifecycle.PrepareUpdate(target, current, result);
            obj.Metadata()["managedFields"] = result.Metadata()["managedFields"]?.DeepClone();
            return new Result(Save(target.Type, obj, current, options.DryRun), false, warnings);
        });
    }

    /// <summary>Deletes an object, the objects it owns (background cascade) and, for a namespace, its contents.</summary>
    public JsonObject Delete(RequestTarget target, WriteOptions options)
    {
        return store.Atomically(() =>
        {
            var current = Current(target);
            if (options.DryRun) return Status(target.Type, current);
            Cascade(target.Type, current);
            return Status(target.Type, current);
        });
    }

    private void Cascade(ResourceType type, JsonObject obj)
    {
        store.Delete(type, obj.Namespace(), obj.Name());
        foreach (var (ownedType, owned) in store.OwnedBy(obj.Uid() ?? ""))
            if (store.Get(ownedType, owned.Namespace(), owned.Name()) is not null) Cascade(ownedType, owned);
        if (type.Kind == "Namespace")
            foreach (var (innerType, inner) in store.InNamespace(obj.Name()))
                if (store.Get(innerType, inner.Namespace(), inner.Name()) is not null) Cascade(innerType, inner);
    }

    private static JsonObject Status(ResourceType type, JsonObject obj)
    {
        var details = KubeApiException.DetailsFor(type, obj.Name());
        details["uid"] = obj.Uid();
        return StatusObjects.Success(details);
    }

    private JsonObject Current(RequestTarget target) =>
        store.Get(target.Type, target.Namespace, target.Name!) ?? throw KubeApiException.NotFound(target.Type, target.Name!);

    private JsonObject Save(ResourceType type, JsonObject obj, JsonObject? current, bool dryRun)
    {
        if (dryRun)
        {
            if (current is not null) obj.Metadata()["resourceVersion"] = current.ResourceVersion();
            return obj;
        }
        return current is null ? store.Create(type, obj) : store.Update(type, obj, current.ResourceVersion());
    }

    private static void KeepManagedFields(JsonObject current, JsonObject obj)
    {
        if (current.Metadata()["managedFields"] is { } managed) obj.Metadata()["managedFields"] = managed.DeepClone();
        else obj.Metadata().Remove("managedFields");
    }

    /// <summary>Apply configurations are typed: unknown fields fail whatever fieldValidation says, as on the real server.</summary>
    private void ValidateApplied(RequestTarget target, JsonObject applied)
    {
        var type = target.Type;
        if (FieldValidator.TypeError(type.Model, applied) is { } error) throw KubeApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {error}");
        var unknown = validator.UnknownFields(type.Model, applied);
        if (unknown.Count > 0)
            throw KubeApiException.BadRequest(
                $"failed to create typed patch object ({target.Namespace}/{target.Name}; {type.ApiVersion}, Kind={type.Kind}): "
                + string.Join(", ", unknown.Select(f => $".{f}: field not declared in schema")));
    }

    private List<string> Validate(ResourceType type, JsonObject body, FieldValidation mode)
    {
        if (FieldValidator.TypeError(type.Model, body) is { } error) throw KubeApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {error}");
        if (mode == FieldValidation.Ignore) return [];
        var unknown = validator.UnknownFields(type.Model, body).Select(f => $"unknown field \"{f}\"").ToList();
        if (unknown.Count > 0 && mode == FieldValidation.Strict)
            throw KubeApiException.BadRequest($"strict decoding error: {string.Join(", ", unknown)}");
        return unknown;
    }
}
