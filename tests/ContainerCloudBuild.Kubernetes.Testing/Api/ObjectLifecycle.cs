using System.Globalization;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>What the server checks and sets on create (name rules, uid, creationTimestamp, generation) and keeps on update (status).</summary>
public sealed class ObjectLifecycle(KubeObjectStore store, TimeProvider time)
{
    public string Now => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public JsonObject PrepareCreate(RequestTarget target, JsonObject body)
    {
        var type = target.Type;
        var obj = body.Clone();
        CheckKind(type, obj);
        var meta = obj.Metadata();
        if (type.Namespaced)
        {
            var ns = obj.Namespace();
            if (ns is not null && target.Namespace is not null && ns != target.Namespace)
                throw KubeApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            ns ??= target.Namespace ?? throw KubeApiException.BadRequest("a namespaced resource needs a namespace");
            meta["namespace"] = ns;
            if (store.Get(store.Catalog.Get("", "namespaces"), null, ns) is null)
                throw KubeApiException.NotFound(store.Catalog.Get("", "namespaces"), ns);
        }
        if (string.IsNullOrEmpty(obj.Name()))
        {
            var prefix = meta.Str("generateName")
                ?? throw KubeApiException.Invalid(type, "", "metadata.name: Required value: name or generateName is required");
            meta["name"] = prefix + Guid.NewGuid().ToString("N")[..5];
        }
        ObjectNames.Check(type, obj.Name()!);
        if (!string.IsNullOrEmpty(obj.ResourceVersion()))
            throw KubeApiException.BadRequest("resourceVersion should not be set on objects to be created");
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Now;
        meta["generation"] = 1;
        if (type.HasStatus) obj.Remove("status");
        if (type.Kind == "Namespace") obj["status"] = new JsonObject { ["phase"] = "Active" };
        return obj;
    }

    /// <summary>Carries identity over from <paramref name="current"/>; a spec change bumps generation.</summary>
    public JsonObject PrepareUpdate(RequestTarget target, JsonObject current, JsonObject candidate)
    {
        var type = target.Type;
        var obj = candidate.Clone();
        CheckKind(type, obj);
        if (obj.Name() != current.Name())
            throw KubeApiException.BadRequest($"the name of the object ({obj.Name()}) does not match the name on the URL ({current.Name()})");
        if (target.Subresource == "status")
        {
            var status = obj["status"]?.DeepClone();
            obj = current.Clone();
            if (status is null) obj.Remove("status"); else obj["status"] = status;
        }
        else if (type.HasStatus)
        {
            obj.Remove("status");
            if (current["status"] is { } status) obj["status"] = status.DeepClone();
        }
        var meta = obj.Metadata();
        var old = current.Metadata();
        foreach (var key in new[] { "namespace", "uid", "creationTimestamp", "generation" })
            if (old[key] is { } value) meta[key] = value.DeepClone(); else meta.Remove(key);
        if (SpecChanged(current, obj)) meta["generation"] = current.Generation() + 1;
        return obj;
    }

    private static bool SpecChanged(JsonObject a, JsonObject b)
    {
        static JsonObject Body(JsonObject o)
        {
            var copy = o.Clone();
            copy.Remove("metadata");
            copy.Remove("status");
            return copy;
        }
        return !JsonNode.DeepEquals(Body(a), Body(b));
    }

    private static void CheckKind(ResourceType type, JsonObject obj)
    {
        var apiVersion = obj.Str("apiVersion");
        var kind = obj.Str("kind");
        if (apiVersion is not null && apiVersion != type.ApiVersion)
            throw KubeApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        if (kind is not null && kind != type.Kind)
            throw KubeApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        obj.Metadata();
    }
}
