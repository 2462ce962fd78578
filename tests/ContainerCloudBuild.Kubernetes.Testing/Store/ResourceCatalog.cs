using ContainerCloudBuild.Kubernetes.Testing.CustomResources;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Store;

/// <summary>The resources the fake serves (those the templates render, the usual namespace furniture, and the traffic routers' HTTPRoute and OpenShift Route).</summary>
public sealed class ResourceCatalog
{
    private readonly List<ResourceType> types =
    [
        new("", "v1", "namespaces", "Namespace", false, typeof(V1Namespace), true, ["ns"]),
        new("", "v1", "pods", "Pod", true, typeof(V1Pod), true, ["po"]),
        new("", "v1", "services", "Service", true, typeof(V1Service), true, ["svc"]),
        new("", "v1", "endpoints", "Endpoints", true, typeof(V1Endpoints), false, ["ep"]),
        new("", "v1", "configmaps", "ConfigMap", true, typeof(V1ConfigMap), false, ["cm"]),
        new("", "v1", "secrets", "Secret", true, typeof(V1Secret)),
        new("", "v1", "serviceaccounts", "ServiceAccount", true, typeof(V1ServiceAccount), false, ["sa"]),
        new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, typeof(V1PersistentVolumeClaim), true, ["pvc"]),
        new("", "v1", "resourcequotas", "ResourceQuota", true, typeof(V1ResourceQuota), true, ["quota"]),
        new("", "v1", "limitranges", "LimitRange", true, typeof(V1LimitRange), false, ["limits"]),
        new("", "v1", "events", "Event", true, typeof(Corev1Event), false, ["ev"]),
        new("apps", "v1", "deployments", "Deployment", true, typeof(V1Deployment), true, ["deploy"]),
        new("apps", "v1", "replicasets", "ReplicaSet", true, typeof(V1ReplicaSet), true, ["rs"]),
        new("apps", "v1", "statefulsets", "StatefulSet", true, typeof(V1StatefulSet), true, ["sts"]),
        new("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, typeof(V2HorizontalPodAutoscaler), true, ["hpa"]),
        new("networking.k8s.io", "v1", "ingresses", "Ingress", true, typeof(V1Ingress), true, ["ing"]),
        new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, typeof(V1NetworkPolicy), false, ["netpol"]),
        new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, typeof(V1PodDisruptionBudget), true, ["pdb"]),
        new("rbac.authorization.k8s.io", "v1", "roles", "Role", true, typeof(V1Role)),
        new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, typeof(V1RoleBinding)),
        new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, typeof(V1ClusterRole)),
        new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, typeof(V1ClusterRoleBinding)),
        new("coordination.k8s.io", "v1", "leases", "Lease", true, typeof(V1Lease)),
        new("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute", true, typeof(HttpRoute), true),
        new("route.openshift.io", "v1", "routes", "Route", true, typeof(OpenShiftRoute), true),
    ];

    public IReadOnlyList<ResourceType> All => types;

    public ResourceType? Find(string group, string version, string plural) =>
        types.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    public ResourceType? FindByKind(string apiVersion, string kind) =>
        types.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind);

    public ResourceType Get(string group, string plural) =>
        types.First(t => t.Group == group && t.Plural == plural);

    public IEnumerable<IGrouping<string, ResourceType>> ByGroupVersion() => types.GroupBy(t => t.GroupVersion);
}
