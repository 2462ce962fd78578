using System.Globalization;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Manifests;
using ContainerCloudBuild.Manifests.Values;
using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Deploy;

/// <summary>Thrown when a service folder's values cannot be merged or mean nothing runnable; lists every diagnostic.</summary>
public sealed class ServiceDefinitionException(string folder, IReadOnlyList<string> problems)
    : Exception($"The service in '{folder}' cannot be read:{System.Environment.NewLine}  {string.Join(System.Environment.NewLine + "  ", problems)}")
{
    public string Folder { get; } = folder;
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Reads a service folder through the manifests' values layering (defaults.yaml of the templates, values.yaml,
/// values.&lt;environment&gt;.yaml, --set) into a <see cref="ServiceDefinition"/>: the one source both platforms use.
/// </summary>
public sealed class ServiceDefinitionReader(string templatesDirectory)
{
    private readonly ManifestRenderer _renderer = new();

    public async Task<ServiceDefinition> ReadAsync(string serviceFolder, string? environment, IReadOnlyList<string> setOverrides, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceFolder);
        var request = RenderRequest.ForService(templatesDirectory, serviceFolder, environment) with { SetOverrides = setOverrides ?? [] };
        var merged = await ServiceValues.MergeAsync(_renderer, request, cancellationToken).ConfigureAwait(false);
        if (!merged.Success)
            throw new ServiceDefinitionException(serviceFolder, [.. merged.Diagnostics.Where(d => d.IsError).Select(d => d.ToString())]);
        return FromValues(merged.Values!, serviceFolder, environment);
    }

    /// <summary>Maps merged values; every problem is collected before one exception names them all.</summary>
    public static ServiceDefinition FromValues(ValueMap values, string folder, string? environment)
    {
        ArgumentNullException.ThrowIfNull(values);
        var problems = new List<string>();
        var name = ValuePath.Text(values, "name");
        if (name.Length == 0)
            problems.Add("name: required (the service name)");
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ValuePath.Bool(values, "config.enabled") && ValuePath.Node(values, "config.data") is ValueMap data)
        {
            foreach (var (key, node) in data.Entries)
                env[key] = node is ValueScalar s ? s.Text : "";
        }
        foreach (var item in ValuePath.Items(values, "env").OfType<ValueMap>())
            env[ValuePath.Text(item, "name")] = ValuePath.Text(item, "value");
        var secrets = ValuePath.Items(values, "secretEnv").OfType<ValueMap>()
            .Select(i => new SecretEnvReference(ValuePath.Text(i, "name"), ValuePath.Text(i, "secret"), ValuePath.Text(i, "key"))).ToList();
        double? cpu = null;
        long? memory = null;
        if (ValuePath.Text(values, "resources.limits.cpu") is { Length: > 0 } cpuText && (cpu = ResourceQuantity.ParseCpu(cpuText)) is null)
            problems.Add($"resources.limits.cpu: '{cpuText}' is not a CPU quantity (e.g. 500m or 1)");
        if (ValuePath.Text(values, "resources.limits.memory") is { Length: > 0 } memText && (memory = ResourceQuantity.ParseMemory(memText)) is null)
            problems.Add($"resources.limits.memory: '{memText}' is not a memory quantity (e.g. 256Mi)");
        var rollout = RolloutValuesReader.Read(values, problems);
        var zabbix = Zabbix.ZabbixServiceValues.Read(values, problems);
        if (problems.Count > 0)
            throw new ServiceDefinitionException(folder, problems);
        return new ServiceDefinition
        {
            Name = name,
            Folder = Path.GetFullPath(folder),
            Environment = environment,
            ImageFromValues = ImageFromValues(values),
            ContainerPort = ValuePath.Int(values, "containerPort", 8080),
            Replicas = Math.Max(1, ValuePath.Int(values, "replicas", 1)),
            EnvironmentVariables = env,
            SecretEnv = secrets,
            CpuLimit = cpu,
            MemoryLimitBytes = memory,
            Readiness = Readiness(values),
            Rollout = rollout,
            Zabbix = zabbix,
            IgnoredOnDockerHost = DockerHostIgnoredValues.Find(values),
            AdaptedOnDockerHost = DockerHostIgnoredValues.Adapted(values),
        };
    }

    private static ReadinessProbe? Readiness(ValueMap values)
    {
        if (!ValuePath.Bool(values, "probes.readiness.enabled"))
            return null;
        TimeSpan Seconds(string key, int fallback) => TimeSpan.FromSeconds(ValuePath.Int(values, "probes.readiness." + key, fallback));
        return new ReadinessProbe(ValuePath.Text(values, "probes.readiness.path"), Seconds("initialDelaySeconds", 0), Seconds("periodSeconds", 5),
            Seconds("timeoutSeconds", 1), ValuePath.Int(values, "probes.readiness.failureThreshold", 3));
    }

    private static ImageReference? ImageFromValues(ValueMap values)
    {
        var repository = ValuePath.Text(values, "image.repository");
        if (repository.Length == 0)
            return null;
        var digest = ValuePath.Text(values, "image.digest");
        var text = digest.Length > 0 ? $"{repository}@{digest}" : $"{repository}:{ValuePath.Text(values, "image.tag")}";
        try
        {
            return ImageReference.Parse(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
