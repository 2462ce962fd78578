namespace ContainerCloudBuild.Deploy;

/// <summary>
/// Resolves a service's <c>secretEnv</c> on a Docker host: each variable from a local secrets file
/// (<c>NAME=value</c> lines, <c>#</c> comments) or else from this process's environment variable of the same
/// name. Values are handed to <paramref name="register"/> (the build's masker) before anyone can print them;
/// a missing one is an error naming the variable and where it was looked for, never its value.
/// </summary>
public sealed class SecretEnvResolver(string? secretsFile, Func<string, string?> environment, Action<string> register)
{
    public async Task<IReadOnlyDictionary<string, string>> ResolveAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.SecretEnv.Count == 0)
            return new Dictionary<string, string>();
        var file = await ReadFileAsync(cancellationToken).ConfigureAwait(false);
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var reference in service.SecretEnv)
        {
            var value = file.GetValueOrDefault(reference.Name) ?? environment(reference.Name);
            if (string.IsNullOrEmpty(value))
            {
                missing.Add($"secretEnv {reference.Name} (secret '{reference.Secret}', key '{reference.Key}'): " +
                            $"not in {(secretsFile is null ? "a secrets file (none given: --secrets-file)" : $"'{secretsFile}'")} nor in the environment variable {reference.Name}");
                continue;
            }
            register(value);
            resolved[reference.Name] = value;
        }
        if (missing.Count > 0)
            throw new ServiceDefinitionException(service.Folder, missing);
        return resolved;
    }

    private async Task<Dictionary<string, string>> ReadFileAsync(CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (secretsFile is null)
            return values;
        if (!File.Exists(secretsFile))
            throw new FileNotFoundException($"The secrets file '{secretsFile}' does not exist; create it (NAME=value lines) or leave --secrets-file out to use environment variables.", secretsFile);
        foreach (var raw in await File.ReadAllLinesAsync(secretsFile, cancellationToken).ConfigureAwait(false))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.Length == 0 || line.StartsWith('#') || equals <= 0)
                continue;
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'')
                value = value[1..^1];
            values[line[..equals].Trim()] = value;
        }
        return values;
    }
}
